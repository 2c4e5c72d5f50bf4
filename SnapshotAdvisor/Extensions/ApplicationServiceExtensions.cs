using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Npgsql;
using Provisioner.GhlClient;
using Provisioner.Messaging.Schema;
using Provisioner.ServiceDefaults;
using Provisioner.SnapshotAdvisor.Advice;
using Provisioner.SnapshotAdvisor.Data;
using Provisioner.SnapshotAdvisor.Library;
using Provisioner.SnapshotAdvisor.Ranking;
using Provisioner.SnapshotAdvisor.Security;

namespace Provisioner.SnapshotAdvisor.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>Every registration of the service, in one place.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.AdvisorDb)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.AdvisorDb} is not set. AppHost sets it; see the README's configuration table.");
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: ResourceNames.AdvisorDb);

        builder.Services.AddOptions<SnapshotRankerOptions>()
            .BindConfiguration(nameof(SnapshotRankerOptions))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new SnapshotRanker(sp.GetRequiredService<IOptions<SnapshotRankerOptions>>().Value));

        var dataSource = NpgsqlDataSource.Create(connectionString);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddDbContext<AdvisorDbContext>(db => db.UseNpgsql(dataSource));
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Order matters: hosted services start in registration order, and the migrator must finish first.
        builder.Services.AddHostedService<DatabaseMigrator<AdvisorDbContext>>();
        AddLibrary(builder);
        AddModel(builder);
        builder.AddAdvisorAuthentication();
        builder.AddAdvisorMessaging();
    }

    private static void AddLibrary(IHostApplicationBuilder builder)
    {
        builder.AddGhlClient();

        // Agency tokens live in AuthService's vault; its internal API hands them out (GhlTokenProviderOptions:InternalKey).
        builder.AddGhlTokensFromAuthService();
        builder.Services.AddTransient<GhlSnapshotSource>();
        builder.Services.AddScoped<SnapshotSync>();
        builder.Services.AddSingleton<LibraryIndexCache>();
        builder.Services.AddOptions<SnapshotSyncOptions>()
            .BindConfiguration(nameof(SnapshotSyncOptions)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<PeriodicSnapshotSync>();
    }

    private static void AddModel(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdvisorModelOptions>()
            .BindConfiguration(nameof(AdvisorModelOptions)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ModelRecommender>();
        builder.Services.AddScoped<RecommendationService>();

        // The chat service is registered only when a model is configured; without it ModelRecommender is unavailable
        // and every answer comes from the local ranker.
        var model = builder.Configuration.GetSection(nameof(AdvisorModelOptions)).Get<AdvisorModelOptions>() ?? new();
        if (model.IsConfigured)
        {
            builder.Services.AddOpenAIChatCompletion(model.Model!, model.Endpoint!, string.IsNullOrEmpty(model.ApiKey) ? null : model.ApiKey);
        }
    }
}
