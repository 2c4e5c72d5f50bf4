using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Apis;
using Provisioner.GhlSandbox.Diagnostics;
using Provisioner.GhlSandbox.OAuth;
using Provisioner.GhlSandbox.Options;
using Provisioner.GhlSandbox.RateLimiting;
using Provisioner.GhlSandbox.State;
using Provisioner.GhlSandbox.Webhooks;

namespace Provisioner.GhlSandbox.Extensions;

public static class ApplicationServiceExtensions
{
    public const string DefaultUrl = "http://127.0.0.1:8090";

    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        // The documented default address, unless --urls / ASPNETCORE_URLS / Kestrel config says otherwise.
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddOptions<GhlSandboxOptions>()
            .BindConfiguration(GhlSandboxOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => Validator.TryValidateObject(o.RateLimit, new ValidationContext(o.RateLimit), null, true), "GhlSandbox:RateLimit is invalid.")
            .ValidateOnStart();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SandboxStore(StatePersistence.LoadOrSeed(sp.GetRequiredService<IOptions<GhlSandboxOptions>>().Value.StateFile)));
        services.AddSingleton<TokenStore>();
        services.AddSingleton<Installations>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<ResourceRateLimiter>();
        services.AddSingleton<WebhookSigner>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddHostedService<StatePersistence>();

        // GHL retries a webhook only on 429, so the default resilience pipeline (which retries 5xx) is removed.
#pragma warning disable EXTEXP0001 // Experimental API, but the supported way to opt one client out of the defaults.
        services.AddHttpClient(WebhookDispatcher.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10)).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    public static WebApplication MapGhlSandboxApi(this WebApplication app)
    {
        app.UseMiddleware<JournalMiddleware>();
        app.UseMiddleware<FaultMiddleware>();
        app.UseMiddleware<RateLimitMiddleware>();

        app.MapConsentApi();
        app.MapOAuthApi();
        app.MapCompaniesApi();
        app.MapLocationsApi();
        app.MapCustomValuesApi();
        app.MapSnapshotsApi();
        app.MapUsersApi();
        app.MapAdminApi();
        return app;
    }
}
