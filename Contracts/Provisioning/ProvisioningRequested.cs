namespace Provisioner.Contracts.Provisioning;

/// <summary>
/// An intake was accepted and its job stored (committed with the job row through the bus outbox); the saga starts on
/// it. The intake itself stays in ProvisioningService's database: the saga's activities read it by <see cref="JobId"/>.
/// <see cref="SnapshotId"/> is null when the advisor is to choose at run time.
/// </summary>
public sealed record ProvisioningRequested(
    Guid JobId,
    string AgencyId,
    string BusinessName,
    string? SnapshotId,
    string Actor,
    DateTimeOffset OccurredAt);
