namespace Provisioner.Contracts.Provisioning;

/// <summary>
/// Compensation of a cancelled job ran: <see cref="Undone"/> lists what it removed or restored in GHL,
/// <see cref="NotUndone"/> what GHL refused (with its reason) and a person must finish by hand. <see cref="LocationId"/>
/// is the job's location, null when nothing had been created.
/// </summary>
public sealed record ProvisioningCompensated(
    Guid JobId,
    string AgencyId,
    string? LocationId,
    IReadOnlyList<string> Undone,
    IReadOnlyList<string> NotUndone,
    string Actor,
    DateTimeOffset OccurredAt);
