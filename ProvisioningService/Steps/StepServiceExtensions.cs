using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Provisioner.ServiceDefaults;

namespace Provisioner.ProvisioningService.Steps;

public static class StepServiceExtensions
{
    /// <summary>
    /// The four GHL steps (as <see cref="IProvisioningStep"/>, and by name through <see cref="StepCatalog"/>), the
    /// compensator, <see cref="StepOptions"/> and the steps' ledgers (<see cref="StepsDatabase"/>). Needs the GHL client
    /// (<c>AddGhlClient</c> with an <c>IGhlTokenProvider</c>) and <c>ConnectionStrings:provisioningdb</c>.
    /// </summary>
    public static IServiceCollection AddProvisioningSteps(this IServiceCollection services)
    {
        services.AddOptions<StepOptions>().BindConfiguration(nameof(StepOptions)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // A data source of its own, never enlisted in an ambient transaction: the ledger must commit even when the
        // saga's consume rolls back.
        services.TryAddSingleton(sp =>
        {
            var connectionString = sp.GetRequiredService<IConfiguration>().GetConnectionString(ResourceNames.ProvisioningDb)
                ?? throw new InvalidOperationException($"ConnectionStrings:{ResourceNames.ProvisioningDb} is not set.");
            var builder = new NpgsqlConnectionStringBuilder(connectionString) { Enlist = false, ApplicationName = "provisioning-steps" };
            return new StepsDatabase(NpgsqlDataSource.Create(builder.ConnectionString));
        });
        services.TryAddSingleton<LocationCreateLedger>();
        services.TryAddSingleton<CustomValueLedger>();

        services.AddScoped<IProvisioningStep, CreateLocationStep>();
        services.AddScoped<IProvisioningStep, WaitForSnapshotStep>();
        services.AddScoped<IProvisioningStep, CustomValuesStep>();
        services.AddScoped<IProvisioningStep, UsersStep>();
        services.AddScoped<StepCatalog>();
        services.AddScoped<IJobCompensator, JobCompensator>();
        return services;
    }
}
