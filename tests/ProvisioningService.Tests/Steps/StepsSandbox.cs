extern alias sandbox;

using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using sandbox::Provisioner.GhlSandbox.Apis;

namespace Provisioner.ProvisioningService.Tests.Steps;

/// <summary>
/// The real GhlSandbox on a free loopback port, one per test (each test owns GHL's state). The clock can be faked
/// (snapshot load progress), and location deletion can be allowed (<c>locations.internal-access-only</c>).
/// </summary>
internal sealed class StepsSandbox : WebApplicationFactory<sandbox::Program>
{
    public const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    public const string ClientSecret = "sandbox-client-secret";
    public const string RedirectUri = "http://127.0.0.1:8080/api/auth/callback";
    public const string AppScopes =
        "locations.readonly locations.write locations/customValues.readonly locations/customValues.write " +
        "snapshots.readonly snapshots.write users.readonly users.write companies.readonly oauth.readonly oauth.write";

    /// <summary>NorthStar's "Dental Practice Growth Engine" (seed data): 8 custom values, two of them pre-filled.</summary>
    public const string DentalSnapshot = "OhbVrpoiVgRV5IfLBcbf";

    private readonly SandboxSettings _settings;
    private HttpClient? _admin;

    public StepsSandbox(SandboxSettings settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    /// <summary>The scopes the consent asks for (the internal delete scope only when deletion is allowed).</summary>
    public string Scopes => _settings.AllowLocationDelete ? AppScopes + " locations.internal-access-only" : AppScopes;

    public Uri Start()
    {
        StartServer();
        var address = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        _admin = new HttpClient { BaseAddress = address };
        return address;
    }

    public async Task<SandboxView> StateAsync() =>
        await Admin.GetFromJsonAsync<SandboxView>("/_sandbox/state") ?? throw new InvalidOperationException("Empty sandbox state.");

    public async Task AddFaultAsync(string method, string path, int status, int count)
    {
        using var response = await Admin.PostAsJsonAsync("/_sandbox/faults", new { method, path, status, count });
        response.EnsureSuccessStatusCode();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("GhlSandbox:AutoApprove", "true");
        builder.UseSetting("GhlSandbox:SnapshotLoadDuration", _settings.SnapshotLoadDuration.ToString("c"));
        if (_settings.AllowLocationDelete)
        {
            builder.UseSetting("GhlSandbox:AllowInternalScopes", "true");
            builder.UseSetting("GhlSandbox:Scopes", Scopes);
        }

        if (_settings.Time is { } time)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(time));
        }
    }

    protected override void Dispose(bool disposing)
    {
        _admin?.Dispose();
        base.Dispose(disposing);
    }

    private HttpClient Admin => _admin ?? throw new InvalidOperationException("The sandbox has not started.");
}

/// <param name="SnapshotLoadDuration">How long a snapshot load takes in the sandbox (zero: at once).</param>
/// <param name="Time">The sandbox's clock; null keeps the system clock.</param>
/// <param name="AllowLocationDelete">Grants the app <c>locations.internal-access-only</c>, which real GHL never does.</param>
internal sealed record SandboxSettings(TimeSpan SnapshotLoadDuration, TimeProvider? Time = null, bool AllowLocationDelete = false);
