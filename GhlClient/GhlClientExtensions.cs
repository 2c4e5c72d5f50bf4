using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Health;
using Provisioner.GhlClient.Http;
using Provisioner.GhlClient.RateLimiting;
using Provisioner.GhlClient.Telemetry;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers the GHL client in the shape of an Aspire client integration: settings from configuration (base URL
/// from <c>ConnectionStrings:{connectionName}</c>, the rest from <c>GhlClientOptions</c>), a caller delegate, then a
/// health check and telemetry. The service registers its own <see cref="IGhlTokenProvider"/>.
/// </summary>
public static class GhlClientExtensions
{
    public const string DefaultConnectionName = "ghl";

    /// <summary>Connection string name of the shared rate budget's database (<see cref="GhlRateBudgetKind.Postgres"/>).</summary>
    public const string RateBudgetConnectionName = "ghlratebudget";

    public static void AddGhlClient(this IHostApplicationBuilder builder, string connectionName = DefaultConnectionName, Action<GhlClientOptions>? configureOptions = null)
    {
        var services = builder.Services;
        services.AddOptions<GhlClientOptions>()
            .BindConfiguration(GhlClientOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) =>
            {
                if (options.BaseAddress is null
                    && Uri.TryCreate(configuration.GetConnectionString(connectionName), UriKind.Absolute, out var uri))
                {
                    options.BaseAddress = uri;
                }

                if (string.IsNullOrWhiteSpace(options.RateBudgetConnectionString))
                {
                    options.RateBudgetConnectionString = configuration.GetConnectionString(RateBudgetConnectionName);
                }

                configureOptions?.Invoke(options);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GhlClientOptions>, GhlClientOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<GhlTelemetry>();
        services.TryAddSingleton<IGhlRateBudget>(sp =>
            sp.GetRequiredService<IOptions<GhlClientOptions>>().Value.RateBudget == GhlRateBudgetKind.Postgres
                ? ActivatorUtilities.CreateInstance<PostgresGhlRateBudget>(sp)
                : ActivatorUtilities.CreateInstance<InProcessGhlRateBudget>(sp));
        services.TryAddTransient<GhlAuthenticationHandler>();
        services.TryAddTransient<GhlPacingHandler>();

        // Order is the order of the handlers: retry and total timeout → token → pacing → per-attempt timeout → wire.
        var http = WithoutDefaultResilience(services.AddHttpClient<GhlConnection>(GhlConnection.HttpClientName))
            .ConfigureHttpClient(ConfigureBaseAddress);
        http.AddResilienceHandler(GhlResiliencePipelines.Outer, GhlResiliencePipelines.ConfigureOuter);
        http.AddHttpMessageHandler<GhlAuthenticationHandler>()
            .AddHttpMessageHandler<GhlPacingHandler>()
            .AddResilienceHandler(GhlResiliencePipelines.Inner, GhlResiliencePipelines.ConfigureInner);
        http.RedactLoggedHeaders(_ => true).RemoveAllLoggers();

        services.TryAddTransient<GhlOAuthApi>();
        services.TryAddTransient<GhlCompaniesApi>();
        services.TryAddTransient<GhlLocationsApi>();
        services.TryAddTransient<GhlSnapshotsApi>();
        services.TryAddTransient<GhlCustomValuesApi>();
        services.TryAddTransient<GhlUsersApi>();

        WithoutDefaultResilience(services.AddHttpClient(GhlHealthCheck.HttpClientName))
            .ConfigureHttpClient(ConfigureBaseAddress)
            .RemoveAllLoggers();

        // Degraded, not Unhealthy: a GHL outage must not take our own service out of rotation.
        services.AddHealthChecks()
            .AddCheck<GhlHealthCheck>("ghl", HealthStatus.Degraded, ["ghl"])
            .AddCheck<GhlRateBudgetHealthCheck>("ghl-rate-budget", HealthStatus.Degraded, ["ghl"]);
    }

    // RemoveAllLoggers: IHttpClientFactory's default request logging redacts header values in the formatted message
    // only; its structured state still carries the raw Authorization header (a structured exporter would ship the
    // token). GhlConnection logs each exchange itself, without headers or bodies.

    /// <summary>
    /// Drops the standard resilience handler ServiceDefaults puts on every HttpClient: it retries POSTs on 5xx, which
    /// for <c>POST /locations/</c> could create a second sub-account. The API is marked experimental (EXTEXP0001) in
    /// Microsoft.Extensions.Http.Resilience 10.x; there is no stable way to do this, so the warning is waived here only.
    /// </summary>
    private static IHttpClientBuilder WithoutDefaultResilience(IHttpClientBuilder builder)
    {
#pragma warning disable EXTEXP0001
        return builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    private static void ConfigureBaseAddress(IServiceProvider services, HttpClient http)
    {
        var options = services.GetRequiredService<IOptions<GhlClientOptions>>().Value;
        var baseAddress = options.BaseAddress!.ToString();
        http.BaseAddress = new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/");

        // Polly owns timeouts (per attempt and per operation); HttpClient's own 100 s must not cut across them.
        http.Timeout = Timeout.InfiniteTimeSpan;
    }
}
