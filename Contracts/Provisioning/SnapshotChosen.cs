namespace Provisioner.Contracts.Provisioning;

/// <summary>
/// The job's snapshot is decided. <see cref="Source"/>: <c>request</c>, <c>advisor</c> or <c>agency-default</c>;
/// <see cref="Reason"/> says why in words a person can check.
/// </summary>
public sealed record SnapshotChosen(Guid JobId, string AgencyId, string SnapshotId, string Source, string Reason, DateTimeOffset OccurredAt);
