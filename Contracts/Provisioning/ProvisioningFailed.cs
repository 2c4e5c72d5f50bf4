namespace Provisioner.Contracts.Provisioning;

/// <summary>
/// A job stopped at <see cref="Step"/> after its attempts ran out or a non-retryable error. The job can be resumed
/// with <see cref="RetryProvisioning"/> or cancelled (and compensated) with <see cref="CancelProvisioning"/>.
/// </summary>
public sealed record ProvisioningFailed(
    Guid JobId,
    string AgencyId,
    string Step,
    string Error,
    string? LocationId,
    DateTimeOffset OccurredAt);
