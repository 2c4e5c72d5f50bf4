namespace Provisioner.Contracts.Provisioning;

/// <summary>
/// A queued job got one of its agency's run slots (jobs of an agency start in submission order, a configurable number at
/// a time); the saga starts, or resumes after a retry, on it.
/// </summary>
public sealed record StartProvisioning(Guid JobId, string AgencyId, DateTimeOffset OccurredAt);
