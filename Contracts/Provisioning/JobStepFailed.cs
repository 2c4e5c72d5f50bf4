namespace Provisioner.Contracts.Provisioning;

/// <summary>
/// An attempt of a step failed. <see cref="Retryable"/> false means another attempt cannot succeed without a change
/// (for example GHL rejected the data), so the saga fails the job instead of retrying.
/// </summary>
public sealed record JobStepFailed(
    Guid JobId,
    string AgencyId,
    string Step,
    int Attempt,
    string Error,
    bool Retryable,
    DateTimeOffset OccurredAt);
