namespace Provisioner.Contracts.Provisioning;

/// <summary>A job left the queue and began running (again, when <see cref="ResumedFromStep"/> names the step a retry resumes at).</summary>
public sealed record ProvisioningStarted(Guid JobId, string AgencyId, string? ResumedFromStep, DateTimeOffset OccurredAt);
