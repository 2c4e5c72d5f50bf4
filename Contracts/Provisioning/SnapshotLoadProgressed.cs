namespace Provisioner.Contracts.Provisioning;

/// <summary>One poll of the snapshot load of a new location (scheduled by the saga until the load is complete or times out).</summary>
public sealed record SnapshotLoadProgressed(
    Guid JobId,
    string AgencyId,
    string LocationId,
    string SnapshotId,
    string Status,
    int PercentComplete,
    int Poll,
    DateTimeOffset OccurredAt);
