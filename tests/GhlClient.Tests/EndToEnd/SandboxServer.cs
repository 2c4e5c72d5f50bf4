extern alias sandbox;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Provisioner.GhlClient.Tests.EndToEnd;

/// <summary>
/// The real GhlSandbox (its Program, options and pipeline) on a real Kestrel socket at a free loopback port, so the
/// client under test goes over real HTTP exactly as another service would. One per test: each test owns its state.
/// </summary>
internal sealed class SandboxServer : WebApplicationFactory<sandbox::Program>
{
    public const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    public const string ClientSecret = "sandbox-client-secret";
    public const string RedirectUri = "http://127.0.0.1:8080/api/auth/callback";

    private readonly TimeProvider? _time;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="time">Replaces the sandbox clock (token expiry, snapshot progress); null keeps the system clock.</param>
    /// <param name="settings">Overrides of the settings below (e.g. "GhlSandbox:RateLimit:BurstLimit").</param>
    public SandboxServer(TimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _time = time;
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(0);
    }

    /// <summary>Starts Kestrel and returns the address it bound, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: its build-time DI scope validation slows every short-lived host for nothing.
        builder.UseEnvironment("Test");
        var settings = new Dictionary<string, string?>
        {
            ["GhlSandbox:AutoApprove"] = "true",
            // Long enough to be seen "processing" by a poller, short enough to keep the test quick.
            ["GhlSandbox:SnapshotLoadDuration"] = "00:00:02",
            // GHL's documented limits, stated explicitly so the client is paced against the real numbers.
            ["GhlSandbox:RateLimit:Enabled"] = "true",
            ["GhlSandbox:RateLimit:BurstLimit"] = "100",
            ["GhlSandbox:RateLimit:BurstWindow"] = "00:00:10",
            ["GhlSandbox:RateLimit:DailyLimit"] = "200000",
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_time));
        }
    }
}
