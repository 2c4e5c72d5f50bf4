namespace Provisioner.Web.Backend;

// The shapes of ProvisioningService's jobs API (ProvisioningService/Apis/JobDtos.cs), read by name.

public sealed record JobSummary(
    Guid Id, string Status, string BusinessName, string BusinessEmail, string? SnapshotId, string? LocationId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt);

public sealed record JobPage(IReadOnlyList<JobSummary> Items, int Total, int Page, int PageSize);

public sealed record JobDetail(
    Guid Id, string Status, string BusinessName, string BusinessEmail, string? SnapshotId, string? LocationId, string? Error,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    IReadOnlyList<JobStep> Steps);

public sealed record JobStep(
    string Name, string Status, int Attempts, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, string? Error);

/// <summary><see cref="Daily"/>: finished jobs per UTC day by outcome, the last 14 days, oldest first (empty from an
/// older ProvisioningService that does not send it).</summary>
public sealed record JobStats(
    IReadOnlyDictionary<string, int> ByStatus, int Today, double? SuccessRate7Days, double? MedianDurationSeconds,
    IReadOnlyList<JobDayCount>? Daily = null);

public sealed record JobDayCount(DateOnly Day, int Succeeded, int Failed, int Cancelled, int Compensated);

/// <summary>GET /api/jobs parameters; null means "not filtered" / the service's default.</summary>
public sealed record JobListQuery(
    string? Status = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Search = null,
    string? Sort = null, bool Ascending = false, int Page = 1, int PageSize = 25);
