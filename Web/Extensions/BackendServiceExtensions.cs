using Microsoft.Extensions.Http.Resilience;
using Provisioner.Web.Backend;
using Provisioner.Web.Session;

namespace Provisioner.Web.Extensions;

public static class BackendServiceExtensions
{
    /// <summary>
    /// The signed-in user's session on each circuit and the typed clients that call the services as that user
    /// (AuthService with the session cookie, the others with the JWT it is exchanged for).
    /// </summary>
    public static void AddBackendClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CircuitCredentials>();
        builder.Services.AddScoped<ServiceTokenProvider>();
        builder.Services.AddScoped<UserSession>();
        builder.Services.AddTransient<JobEventFeed>();

        builder.Services.AddOptions<LiveUpdatesOptions>()
            .BindConfiguration(LiveUpdatesOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<BulkUploadOptions>()
            .BindConfiguration(BulkUploadOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<GhlAppOptions>()
            .BindConfiguration(GhlAppOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // No cookie jar on these handlers: the factory pools one handler for every circuit, so a jar would keep a
        // cookie AuthService sets for one user (sliding session renewal) and send it with the next user's calls.
        builder.Services.AddHttpClient<AuthApiClient>().ConfigurePrimaryHttpMessageHandler(NoCookies);
        builder.Services.AddHttpClient<ProvisioningApiClient>().ConfigurePrimaryHttpMessageHandler(NoCookies);
        builder.Services.AddHttpClient<SnapshotApiClient>().ConfigurePrimaryHttpMessageHandler(NoCookies);
        builder.Services.AddHttpClient<SettingsApiClient>().ConfigurePrimaryHttpMessageHandler(NoCookies);
        builder.Services.AddHttpClient<SettingsUsersClient>().ConfigurePrimaryHttpMessageHandler(NoCookies);
        builder.Services.AddHttpClient<AuditApiClient>().ConfigurePrimaryHttpMessageHandler(NoCookies);

        // A stream stays open for as long as the page shows it: no overall timeout and no resilience pipeline (its
        // 30 s total timeout would cut every stream). JobEventFeed reconnects with Last-Event-ID instead.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<JobEventsClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(NoCookies)
            .RemoveAllResilienceHandlers();

        // A bulk upload validates (and may create) 500 rows in one request: on a busy machine that outlasts the
        // standard handler's 10 s attempt timeout, and a retry would only re-send the whole file. One try, 2 min.
        builder.Services.AddHttpClient<BulkApiClient>(http => http.Timeout = TimeSpan.FromMinutes(2))
            .ConfigurePrimaryHttpMessageHandler(NoCookies)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    private static SocketsHttpHandler NoCookies() => new() { UseCookies = false };
}
