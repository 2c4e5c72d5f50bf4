using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Provisioner.Messaging.Configuration;

namespace Provisioner.Messaging.Maintenance;

/// <summary>
/// Unhealthy when delivery is stuck: the oldest undelivered message, or the oldest due scheduled message, has
/// waited longer than <see cref="MessagingOptions.StuckDeliveryThreshold"/>.
/// </summary>
public sealed class MessagingHealthCheck<TDbContext>(TDbContext db, IOptions<MessagingOptions> options) : IHealthCheck
    where TDbContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await MessagingBacklog.ReadAsync(db, cancellationToken);
        var now = DateTime.UtcNow;
        var undeliveredAge = backlog.OldestUndeliveredAge(now);
        var overdueAge = backlog.OldestOverdueAge(now);
        var data = new Dictionary<string, object>
        {
            ["outboxMessages"] = backlog.OutboxMessages,
            ["oldestUndeliveredSeconds"] = Math.Round(undeliveredAge.TotalSeconds, 1),
            ["scheduledMessages"] = backlog.ScheduledMessages,
            ["oldestOverdueScheduleSeconds"] = Math.Round(overdueAge.TotalSeconds, 1),
        };

        var threshold = options.Value.StuckDeliveryThreshold;
        if (undeliveredAge > threshold || overdueAge > threshold)
        {
            return HealthCheckResult.Unhealthy(
                $"Message delivery is stuck: the oldest waiting message is older than {threshold.TotalSeconds:0} s.", data: data);
        }

        return HealthCheckResult.Healthy("Messages are being delivered.", data);
    }
}
