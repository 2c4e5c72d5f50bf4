using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Provisioner.GhlClient.Apis;

namespace Provisioner.GhlClient.Tests.Support;

/// <summary>
/// A real host with the client registered the way a service does it (<c>builder.AddGhlClient()</c>), optionally
/// behind ServiceDefaults, pointed at a WireMock server, with every log record captured at Trace level.
/// </summary>
internal sealed class GhlTestHost : IAsyncDisposable
{
    public const string ClientSecret = "client-secret-value-5f1c";

    private GhlTestHost(IHost host, FakeTokenProvider tokens)
    {
        Host = host;
        Tokens = tokens;
    }

    public IHost Host { get; }

    public FakeTokenProvider Tokens { get; }

    public IServiceProvider Services => Host.Services;

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    public GhlOAuthApi OAuth => Services.GetRequiredService<GhlOAuthApi>();

    public GhlCompaniesApi Companies => Services.GetRequiredService<GhlCompaniesApi>();

    public GhlLocationsApi Locations => Services.GetRequiredService<GhlLocationsApi>();

    public GhlSnapshotsApi Snapshots => Services.GetRequiredService<GhlSnapshotsApi>();

    public GhlCustomValuesApi CustomValues => Services.GetRequiredService<GhlCustomValuesApi>();

    public GhlUsersApi Users => Services.GetRequiredService<GhlUsersApi>();

    /// <param name="settings">Overrides of GhlClientOptions keys (e.g. "MaxRetries").</param>
    /// <param name="serviceDefaults">null: none; true: AddServiceDefaults before AddGhlClient; false: after.</param>
    /// <param name="environment">The host environment (the Production checks of the options depend on it).</param>
    public static GhlTestHost Create(
        string baseUrl,
        IDictionary<string, string?>? settings = null,
        bool? serviceDefaults = null,
        Action<IServiceCollection>? services = null,
        FakeTokenProvider? tokens = null,
        string environment = "Testing")
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ghl"] = baseUrl,
            ["GhlClientOptions:ClientId"] = "65f0a1b2c3d4e5f601234567-provisioner",
            ["GhlClientOptions:ClientSecret"] = ClientSecret,
            ["GhlClientOptions:RetryBaseDelay"] = "00:00:00.020",
            ["GhlClientOptions:RetryMaxDelay"] = "00:00:02",
            ["GhlClientOptions:AttemptTimeout"] = "00:00:20",
            ["GhlClientOptions:TotalTimeout"] = "00:02:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key.Contains(':') ? key : "GhlClientOptions:" + key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddFakeLogging(o => o.OutputSink = null);
        if (serviceDefaults == true)
        {
            builder.AddServiceDefaults();
        }

        builder.AddGhlClient();
        if (serviceDefaults == false)
        {
            builder.AddServiceDefaults();
        }

        tokens ??= new FakeTokenProvider();
        builder.Services.AddSingleton<IGhlTokenProvider>(tokens);
        services?.Invoke(builder.Services);
        return new GhlTestHost(builder.Build(), tokens);
    }

    public Task<HealthReport> CheckHealthAsync() => Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    public async ValueTask DisposeAsync()
    {
        if (Host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            Host.Dispose();
        }
    }
}
