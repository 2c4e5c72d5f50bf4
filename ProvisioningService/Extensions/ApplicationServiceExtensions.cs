using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Jobs;
using Provisioner.ProvisioningService.Security;
using Provisioner.ServiceDefaults;

namespace Provisioner.ProvisioningService.Extensions;

public static class ApplicationServiceExtensions
{
    /// <summary>Every registration of the service, in one place.</summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ResourceNames.ProvisioningDb)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ResourceNames.ProvisioningDb} is not set. AppHost sets it; see the README's configuration table.");

        builder.Services.AddOptions<ProvisioningOptions>()
            .BindConfiguration(nameof(ProvisioningOptions)).ValidateDataAnnotations().ValidateOnStart();

        // No EnableRetryOnFailure: the outbox needs user transactions, and MassTransit does the retrying.
        builder.Services.AddDbContext<ProvisioningDbContext>(db => db.UseNpgsql(connectionString));
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: ResourceNames.ProvisioningDb);
        builder.Services.AddSingleton(TimeProvider.System);

        // Order matters: hosted services start in registration order, and the migrator must finish before the bus.
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<IntakeValidator>();
        builder.Services.AddScoped<JobAcceptor>();

        builder.AddProvisioningAuthentication();
        builder.AddMessaging<ProvisioningDbContext>(_ => { });
    }
}
