using Microsoft.Extensions.Diagnostics.HealthChecks;
using Provisioner.GhlClient.RateLimiting;

namespace Provisioner.GhlClient.Health;

/// <summary>
/// Whether the shared rate budget's database answers (Degraded when not: the instance then paces on its own, it does
/// not stop). The in-process budget is always healthy; the description says which budget is in use.
/// </summary>
public sealed class GhlRateBudgetHealthCheck(IGhlRateBudget budget) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (budget is not PostgresGhlRateBudget shared)
        {
            return HealthCheckResult.Healthy("in-process budget (this instance only)");
        }

        var failure = await shared.CheckAsync(cancellationToken);
        return failure is null
            ? HealthCheckResult.Healthy("shared budget in PostgreSQL")
            : new HealthCheckResult(context.Registration.FailureStatus, $"shared budget database unavailable ({failure}); pacing in-process");
    }
}
