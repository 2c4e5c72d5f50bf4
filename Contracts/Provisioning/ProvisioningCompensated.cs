namespace Provisioner.Contracts.Provisioning;

/// <summary>
/// What a cancelled or failed job had created in GHL was undone (the location removed). <see cref="LocationId"/> is
/// the removed location, null when nothing had been created.
/// </summary>
public sealed record ProvisioningCompensated(Guid JobId, string AgencyId, string? LocationId, string Actor, DateTimeOffset OccurredAt);
