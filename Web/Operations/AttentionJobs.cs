namespace Provisioner.Web.Operations;

/// <summary>ProvisioningService's <c>GET /api/jobs/operations/attention</c>: the agency's failed and stuck jobs.</summary>
public sealed record AttentionJobs(DateTimeOffset Now, double StuckAfterMinutes, IReadOnlyList<AttentionJob> Failed, IReadOnlyList<AttentionJob> Stuck);

/// <summary>A job that needs a person; <see cref="Since"/> is when its current state (or step) began.</summary>
public sealed record AttentionJob(
    Guid Id, string Status, string BusinessName, string? CurrentStep, int? Attempts, DateTimeOffset Since,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Error);
