using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Provisioner.AuditService.Chain;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Ingestion;
using Provisioner.AuditService.Retention;
using Provisioner.AuditService.Security;
using Provisioner.Messaging.Schema;
using Provisioner.ServiceDefaults;

namespace Provisioner.AuditService.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>Every registration of the service, in one place.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.AuditDb)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.AuditDb} is not set. AppHost sets it; see the README's configuration table.");

        builder.Services.AddOptions<AuditIngestionOptions>()
            .BindConfiguration(nameof(AuditIngestionOptions)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AuditRetentionOptions>()
            .BindConfiguration(nameof(AuditRetentionOptions)).ValidateDataAnnotations().ValidateOnStart();

        var dataSource = NpgsqlDataSource.Create(connectionString);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddDbContext<AuditDbContext>(db => db.UseNpgsql(dataSource));
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: ResourceNames.AuditDb);
        builder.Services.AddSingleton(TimeProvider.System);

        // Order matters: hosted services start in registration order, and the migrator must finish first.
        builder.Services.AddHostedService<DatabaseMigrator<AuditDbContext>>();
        builder.Services.AddSingleton<AuditBatchStore>();
        builder.Services.AddSingleton<AuditWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        builder.Services.AddSingleton<AuditArchiver>();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddSingleton<ChainVerifier>();

        builder.AddAuditAuthentication();

        var ingestion = new AuditIngestionOptions();
        builder.Configuration.GetSection(nameof(AuditIngestionOptions)).Bind(ingestion);
        builder.AddAuditIngestion(ContractCatalog.Discover(ingestion));
    }
}
