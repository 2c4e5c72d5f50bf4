namespace Provisioner.Contracts.Provisioning;

/// <summary>A job was cancelled by <see cref="Actor"/>; compensation of what was already created follows when needed.</summary>
public sealed record ProvisioningCancelled(Guid JobId, string AgencyId, string? LocationId, string Actor, DateTimeOffset OccurredAt);
