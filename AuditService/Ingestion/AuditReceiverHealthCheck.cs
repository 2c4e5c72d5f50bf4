using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Takes the place of MassTransit's bus check on <c>/health</c> (not <c>/alive</c>: a broker outage is not a reason to
/// restart the process): Degraded while the broker connection is down and recovering, Healthy once consuming again.
/// </summary>
public sealed class AuditReceiverHealthCheck(AuditReceiver receiver) : IHealthCheck
{
    public const string Name = "audit-receiver";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(receiver switch
        {
            { IsConsuming: true } => HealthCheckResult.Healthy($"consuming; {receiver.Unacknowledged} deliveries unacknowledged"),
            { IsStarted: true } => HealthCheckResult.Degraded("the broker connection is down; recovering"),
            _ => HealthCheckResult.Unhealthy("not consuming (starting or stopped)"),
        });
}
