using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Provisioner.Messaging.Diagnostics;

/// <summary>
/// Degraded (never Unhealthy) when the oldest undelivered outgoing message has waited longer than
/// <see cref="MessagingDiagnosticsOptions.OutboxDegradedAfter"/>: the service still accepts work, which waits in the
/// outbox until the broker takes it. The figures go with every result, so <c>/health</c> shows the backlog.
/// </summary>
public sealed class MessagingBacklogHealthCheck<TDbContext>(TDbContext db, IOptions<MessagingDiagnosticsOptions> options) : IHealthCheck
    where TDbContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await MessagingBacklogReport.ReadAsync(db, cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["outboxMessages"] = backlog.OutboxMessages,
            ["oldestUndeliveredSeconds"] = Math.Round(backlog.OldestUndeliveredSeconds ?? 0, 1),
            ["scheduledDue"] = backlog.ScheduledDue,
            ["scheduledPending"] = backlog.ScheduledPending,
            ["inboxRows"] = backlog.InboxRows,
        };

        var threshold = options.Value.OutboxDegradedAfter;
        if (backlog.OldestUndeliveredSeconds is { } age && age > threshold.TotalSeconds)
        {
            return HealthCheckResult.Degraded(
                $"{backlog.OutboxMessages} outgoing message(s) wait; the oldest for {age:0} s (more than {threshold.TotalSeconds:0} s).",
                data: data);
        }

        return HealthCheckResult.Healthy($"{backlog.OutboxMessages} outgoing message(s) wait.", data);
    }
}
