namespace Provisioner.Reliability.Tests;

/// <summary>What a <see cref="ScaleOutWorld"/> runs: how many instances of each service, and GHL's limits.</summary>
internal sealed record ScaleOutWorldOptions
{
    /// <summary>Instances of ProvisioningService, AuthService and (with <see cref="WithAudit"/>) AuditService.</summary>
    public int Instances { get; init; } = 1;

    public bool WithAudit { get; init; }

    public TimeSpan SnapshotLoad { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The sandbox's access token lifetime; short makes tokens expire during the run.</summary>
    public TimeSpan? AccessTokenLifetime { get; init; }

    /// <summary>GHL's burst limit per resource, told to the sandbox and to every GhlClient alike.</summary>
    public int BurstLimit { get; init; } = 20;

    public TimeSpan BurstWindow { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary><c>GhlClientOptions:RateBudget=Postgres</c> with one shared <c>ghlratebudget</c> database.</summary>
    public bool SharedRateBudget { get; init; }

    public int MaxConcurrentJobsPerAgency { get; init; } = 2;
}
