using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Provisioner.Messaging.Diagnostics;

public static class MessagingDiagnosticsExtensions
{
    public const string HealthCheckName = "messaging-backlog";

    /// <summary>
    /// The backlog health check (<see cref="HealthCheckName"/>, Degraded at worst) and its options. <c>AddMessaging</c>
    /// calls this; a service reads the figures themselves with <see cref="MessagingBacklogReport.ReadAsync"/>.
    /// </summary>
    public static IServiceCollection AddMessagingDiagnostics<TDbContext>(this IServiceCollection services)
        where TDbContext : DbContext
    {
        services.AddOptions<MessagingDiagnosticsOptions>()
            .BindConfiguration(MessagingDiagnosticsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHealthChecks().AddCheck<MessagingBacklogHealthCheck<TDbContext>>(HealthCheckName, HealthStatus.Degraded);
        return services;
    }
}
