using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Provisioner.TestSupport;

namespace Provisioner.AuthService.Tests;

/// <summary>
/// One database, GhlSandbox and AuthService (pointed at the sandbox) shared by a test class; both seeded agencies are
/// connected through the real consent flow at start. Tests own their locations (each creates its own).
/// </summary>
public sealed class SandboxWorld : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public SandboxGhl Ghl { get; } = new();

    public AuthHost Host { get; private set; } = null!;

    public TestVirtualHost Broker { get; private set; } = null!;

    /// <summary>NorthStar's first user (an admin), signed in with a session cookie.</summary>
    public HttpClient AdminBrowser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync("authint");
        Broker = await TestVirtualHost.CreateAsync("authint");
        Ghl.Start();
        var ghlUrl = Ghl.Url.ToString().TrimEnd('/');
        Host = new AuthHost(Database.ConnectionString, ghlUrl, new Dictionary<string, string>
        {
            ["GhlClientOptions:ClientId"] = SandboxGhl.ClientId,
            ["GhlClientOptions:ClientSecret"] = SandboxGhl.ClientSecret,
            ["GhlClientOptions:AuthorizeUrl"] = ghlUrl + "/oauth/chooselocation",
        }, Broker.AmqpUri);
        await Host.StartRecordingAsync();
        AdminBrowser = await ConnectAsync(SandboxGhl.NorthStar);
        await ConnectAsync(SandboxGhl.PeakLocal);
    }

    /// <summary>An HttpClient that presents the internal key (or <paramref name="key"/>; null sends none).</summary>
    public HttpClient Service(string? key = AuthHost.InternalKey)
    {
        var client = Host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Internal-Key", key);
        }

        return client;
    }

    /// <summary>connect → the sandbox's consent form, approving <paramref name="companyId"/> → callback.</summary>
    public async Task<HttpClient> ConnectAsync(string companyId)
    {
        var browser = Host.Browser();
        var start = await browser.GetAsync("/api/auth/connect");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var consent = QueryHelpers.ParseQuery(start.Headers.Location!.Query);
        using var ghlBrowser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Ghl.Url };
        using var decision = await ghlBrowser.PostAsync("/oauth/chooselocation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = consent["client_id"].ToString(),
            ["redirect_uri"] = consent["redirect_uri"].ToString(),
            ["scope"] = consent["scope"].ToString(),
            ["state"] = consent["state"].ToString(),
            ["decision"] = "approve",
            ["companyId"] = companyId,
        }));
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        var callback = await browser.GetAsync("/api/auth/callback" + decision.Headers.Location!.Query);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return browser;
    }

    /// <summary>POST /internal/ghl/token as a service; asserts success.</summary>
    public async Task<TokenAnswer> TokenAsync(string agencyId, string? locationId = null)
    {
        using var service = Service();
        using var response = await service.PostAsJsonAsync("/internal/ghl/token", new { agencyId, locationId });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenAnswer>())!;
    }

    /// <summary>A new location of <paramref name="agencyId"/> in the sandbox.</summary>
    public async Task<string> NewLocationAsync(string agencyId) =>
        await Ghl.CreateLocationAsync(agencyId, (await TokenAsync(agencyId)).AccessToken);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Ghl.DisposeAsync();
        await Broker.DisposeAsync();
        await Database.DisposeAsync();
    }

    public sealed record TokenAnswer(string AccessToken, DateTimeOffset ExpiresAt, string TokenType);
}
