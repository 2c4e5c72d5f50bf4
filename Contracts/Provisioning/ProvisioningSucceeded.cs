namespace Provisioner.Contracts.Provisioning;

/// <summary>Every step of a job completed: the location exists with its snapshot, custom values and users.</summary>
public sealed record ProvisioningSucceeded(Guid JobId, string AgencyId, string LocationId, string? SnapshotId, DateTimeOffset OccurredAt);
