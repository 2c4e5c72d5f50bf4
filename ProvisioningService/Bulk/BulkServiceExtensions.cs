namespace Provisioner.ProvisioningService.Bulk;

public static class BulkServiceExtensions
{
    /// <summary>POST /api/provision/bulk: its limits and the row processor.</summary>
    public static IServiceCollection AddBulkProvisioning(this IServiceCollection services)
    {
        services.AddOptions<BulkProvisionOptions>()
            .BindConfiguration(nameof(BulkProvisionOptions)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<BulkProvisioner>();
        return services;
    }
}
