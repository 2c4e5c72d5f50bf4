namespace Provisioner.Contracts.Provisioning;

/// <summary>
/// A step of a job finished. <see cref="LocationId"/> is known from the create-location step on; <see cref="Detail"/>
/// is a short human-readable outcome (for example "3 custom values set").
/// </summary>
public sealed record JobStepCompleted(
    Guid JobId,
    string AgencyId,
    string Step,
    int Attempt,
    string? LocationId,
    string? Detail,
    DateTimeOffset OccurredAt);
