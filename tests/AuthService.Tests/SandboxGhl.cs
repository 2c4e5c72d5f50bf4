extern alias sandbox;

using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using sandbox::Provisioner.GhlSandbox.Diagnostics;

namespace Provisioner.AuthService.Tests;

/// <summary>
/// The real GhlSandbox on a free loopback port (real HTTP, as AuthService meets GHL), with its admin API: the request
/// journal counts what reached "GHL". Consent is not auto-approved, so a test can pick which seeded agency connects.
/// </summary>
public sealed class SandboxGhl : WebApplicationFactory<sandbox::Program>
{
    public const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    public const string ClientSecret = "sandbox-client-secret";
    public const string NorthStar = "Gx7pQ2rT9vLm4KdW8sHa";
    public const string PeakLocal = "Hk2mW8cV5nB1xZ4qR6tY";

    private HttpClient? admin;

    public SandboxGhl() => UseKestrel(0);

    public Uri Url { get; private set; } = null!;

    public HttpClient Admin => admin ??= new HttpClient { BaseAddress = Url };

    public void Start()
    {
        StartServer();
        Url = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    /// <summary>The latest journal sequence: a marker for "requests from now on".</summary>
    public async Task<long> JournalMarkAsync() => (await JournalAsync(null, 0)).Select(e => e.Sequence).DefaultIfEmpty(0).Max();

    /// <summary>Journal entries after <paramref name="after"/>, optionally only those whose path starts with <paramref name="path"/>.</summary>
    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string? path, long after)
    {
        var query = $"/_sandbox/journal?limit=10000&after={after}" + (path is null ? "" : "&path=" + Uri.EscapeDataString(path));
        return await Admin.GetFromJsonAsync<List<JournalEntry>>(query) ?? [];
    }

    /// <summary>Creates a location of <paramref name="companyId"/> with that agency's token; returns its id.</summary>
    public async Task<string> CreateLocationAsync(string companyId, string agencyAccessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/locations/")
        {
            Content = JsonContent.Create(new { name = "Test " + Guid.NewGuid().ToString("N")[..8], companyId }),
        };
        request.Headers.Authorization = new("Bearer", agencyAccessToken);
        request.Headers.Add("Version", "2021-07-28");
        using var response = await Admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"POST /locations/ answered {(int)response.StatusCode}");
        var body = await response.Content.ReadFromJsonAsync<CreatedLocation>();
        return body!.Id;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("GhlSandbox:AutoApprove", "false");
        builder.UseSetting("GhlSandbox:SnapshotLoadDuration", "00:00:00");
    }

    protected override void Dispose(bool disposing)
    {
        admin?.Dispose();
        base.Dispose(disposing);
    }

    private sealed record CreatedLocation(string Id);
}
