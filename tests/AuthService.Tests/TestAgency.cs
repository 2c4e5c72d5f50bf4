using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Provisioner.TestSupport;

namespace Provisioner.AuthService.Tests;

/// <summary>A test's world: its own database, fake GHL and AuthService host, plus the connect flow as a browser does it.</summary>
public sealed class TestAgency : IAsyncDisposable
{
    private TestAgency(TestDatabase database, TestVirtualHost broker, FakeGhl ghl, AuthHost host)
    {
        Database = database;
        Broker = broker;
        Ghl = ghl;
        Host = host;
    }

    /// <summary>This world's RabbitMQ virtual host; other hosts on <see cref="Database"/> should use it too.</summary>
    public TestVirtualHost Broker { get; }

    public TestDatabase Database { get; }

    public FakeGhl Ghl { get; }

    public AuthHost Host { get; }

    public static async Task<TestAgency> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestDatabase.CreateAsync("authsvc");
        var broker = await TestVirtualHost.CreateAsync("authsvc");
        var ghl = new FakeGhl();
        var world = new TestAgency(database, broker, ghl, new AuthHost(database.ConnectionString, ghl.Url, settings, broker.AmqpUri));
        await world.Host.StartRecordingAsync();
        return world;
    }

    public static string NewCompanyId() => "co" + Guid.NewGuid().ToString("N")[..18];

    /// <summary>Runs connect → GHL consent (scripted) → callback; returns the signed-in browser.</summary>
    public async Task<HttpClient> ConnectAsync(string companyId, string ghlUserId, string accessToken = "at-initial", string refreshToken = "rt-initial")
    {
        var browser = Host.Browser();
        var code = Ghl.AllowCode(companyId, ghlUserId, accessToken, refreshToken);
        var state = await StartConnectAsync(browser);
        var callback = await browser.GetAsync($"/api/auth/callback?code={code}&state={state}");
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return browser;
    }

    /// <summary>GET /api/auth/connect; returns the state GHL would echo back.</summary>
    public static async Task<string> StartConnectAsync(HttpClient browser)
    {
        var start = await browser.GetAsync("/api/auth/connect");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        return QueryHelpers.ParseQuery(start.Headers.Location!.Query)["state"].ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Ghl.Dispose();
        await Broker.DisposeAsync();
        await Database.DisposeAsync();
    }
}
