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
        builder.Services.AddHealthChecks().AddNpgSql(connectionString, name: ResourceNames.AuditDb);
    }
}
