using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Provisioner.AuthService.Connect;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Ghl;
using Provisioner.AuthService.Internal;
using Provisioner.AuthService.Sessions;
using Provisioner.AuthService.Tokens;
using Provisioner.AuthService.Vault;
using Provisioner.AuthService.Webhooks;
using Provisioner.Messaging;
using Provisioner.Messaging.Schema;
using Provisioner.ServiceDefaults;

namespace Provisioner.AuthService.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>Every registration of the service, in one place.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.AuthDb)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.AuthDb} is not set. AppHost sets it; see the README's configuration table.");
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: ResourceNames.AuthDb);
        builder.Services.AddDbContext<AuthDbContext>(o => o.UseNpgsql(connectionString));
        builder.Services.AddHostedService<DatabaseMigrator<AuthDbContext>>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.AddTokenVault();
        builder.AddGhlOAuthGateway();
        builder.AddAuthServiceAuthentication();
        builder.AddInternalApiAuthentication();

        // Events go through the Messaging library's bus outbox in authdb: a handler publishes before its SaveChanges and
        // the relay sends after the commit, so no event is lost after a commit or sent for a rolled-back change.
        // AuthService consumes nothing.
        builder.AddMessaging<AuthDbContext>(_ => { });

        builder.Services.AddOptions<TokenRefreshOptions>().BindConfiguration(TokenRefreshOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<GhlWebhookOptions>().BindConfiguration(GhlWebhookOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<RefreshGate>();
        builder.Services.AddScoped<AgencyTokenService>();
        builder.Services.AddScoped<LocationTokenService>();
        builder.Services.AddHostedService<TokenRefreshService>();
        builder.Services.AddSingleton<JwtSigningKeys>();
        builder.Services.AddSingleton<JwtIssuer>();
        builder.Services.AddScoped<ConnectFlow>();
        builder.Services.AddSingleton<WebhookSignatureVerifier>();
        builder.Services.AddScoped<GhlWebhookProcessor>();
    }

    private static void AddTokenVault(this IHostApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment()
            && !builder.Configuration.GetSection($"{TokenVaultOptions.SectionName}:Keys").GetChildren().Any())
        {
            // Development only: a key kept in a git-ignored file, so local tokens survive restarts. Production
            // without configured keys fails validation at start instead.
            builder.Configuration.AddInMemoryCollection(DevelopmentVaultKey.LoadOrCreate(builder.Environment.ContentRootPath));
        }

        builder.Services.AddOptions<TokenVaultOptions>().BindConfiguration(TokenVaultOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TokenVault>();
        builder.Services.AddScoped<VaultReencryptor>();
        builder.Services.AddHostedService<VaultReencryptionService>();
    }

    private static void AddGhlOAuthGateway(this IHostApplicationBuilder builder)
    {
        var ghlBase = builder.Configuration.GetConnectionString("ghl") ?? "http://127.0.0.1:8090";
        builder.Services.AddOptions<GhlClientOptions>().BindConfiguration(GhlClientOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        // No automatic retries: a refresh token is single-use, and a retried POST whose first attempt GHL did
        // process would present a spent token and turn a blip into a reconnect.
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the supported way to opt one
        // client out of ConfigureHttpClientDefaults' standard handler.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient<GhlOAuthGateway>(http => http.BaseAddress = new Uri(ghlBase.TrimEnd('/') + "/"))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
