namespace Provisioner.Contracts.Provisioning;

/// <summary>Stop a queued, running or failed job and undo what it created (sent by the jobs API on behalf of <see cref="Actor"/>).</summary>
public sealed record CancelProvisioning(Guid JobId, string AgencyId, string Actor, DateTimeOffset OccurredAt);
