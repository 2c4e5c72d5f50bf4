namespace Provisioner.Contracts.Provisioning;

/// <summary>Resume a failed job from the step that failed (sent by the jobs API on behalf of <see cref="Actor"/>).</summary>
public sealed record RetryProvisioning(Guid JobId, string AgencyId, string Actor, DateTimeOffset OccurredAt);
