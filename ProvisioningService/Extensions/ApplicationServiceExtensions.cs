using Microsoft.EntityFrameworkCore;
using Provisioner.GhlClient;
using Provisioner.Messaging;
using Provisioner.Messaging.Schema;
using Provisioner.ProvisioningService.Bulk;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Jobs;
using Provisioner.ProvisioningService.Saga;
using Provisioner.ProvisioningService.Security;
using Provisioner.ProvisioningService.Steps;
using Provisioner.ProvisioningService.Streaming;
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
        builder.Services.AddHostedService<DatabaseMigrator<ProvisioningDbContext>>();
        builder.Services.AddJobStreaming();
        builder.Services.AddBulkProvisioning();
        builder.Services.AddSingleton<IntakeValidator>();
        builder.Services.AddScoped<AgencyTemplates>();
        builder.Services.AddScoped<JobAcceptor>();

        builder.Services.AddOptions<JobRunOptions>().BindConfiguration(JobRunOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<JobRecorder>();
        builder.Services.AddScoped<JobAdmissions>();
        builder.Services.AddScoped<JobRunner>();
        builder.Services.AddScoped<JobCancellation>();
        builder.Services.AddScoped<DryRunPlanner>();
        builder.AddGhlClient();
        builder.AddGhlTokensFromAuthService();
        builder.Services.AddProvisioningSteps();

        builder.AddProvisioningAuthentication();
        builder.AddMessaging<ProvisioningDbContext>(x => x.AddSagaStateMachine<ProvisioningStateMachine, ProvisioningState>());
    }
}
