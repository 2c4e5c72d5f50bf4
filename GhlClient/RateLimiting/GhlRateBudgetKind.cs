namespace Provisioner.GhlClient.RateLimiting;

/// <summary>Where the per-resource request budget lives (<see cref="GhlClientOptions.RateBudget"/>).</summary>
public enum GhlRateBudgetKind
{
    /// <summary>In this process only: right for a single instance of a single service.</summary>
    InProcess,

    /// <summary>
    /// In a PostgreSQL database shared by every instance of every service that calls GHL with the same app, so together
    /// they keep GHL's per-app, per-resource limits.
    /// </summary>
    Postgres,
}
