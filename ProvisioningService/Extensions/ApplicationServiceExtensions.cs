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
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: ResourceNames.ProvisioningDb);
    }
}
