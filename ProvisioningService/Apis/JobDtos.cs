using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>A job in a list.</summary>
public sealed record JobSummary(
    Guid Id, string Status, string BusinessName, string BusinessEmail, string? SnapshotId, string? LocationId,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt)
{
    public static JobSummary From(ProvisioningJob j) => new(
        j.Id, j.Status.ToString(), j.BusinessName, j.BusinessEmail, j.SnapshotId, j.LocationId, j.CreatedAt, j.UpdatedAt, j.CompletedAt);
}

public sealed record JobPage(IReadOnlyList<JobSummary> Items, int Total, int Page, int PageSize);

/// <summary>One job with its steps, in plan order.</summary>
public sealed record JobDetail(
    Guid Id, string Status, string BusinessName, string BusinessEmail, string? SnapshotId, string? LocationId, string? Error,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    IReadOnlyList<JobStepDto> Steps)
{
    public static JobDetail From(ProvisioningJob j) => new(
        j.Id, j.Status.ToString(), j.BusinessName, j.BusinessEmail, j.SnapshotId, j.LocationId, j.Error, j.CreatedBy,
        j.CreatedAt, j.UpdatedAt, j.StartedAt, j.CompletedAt,
        [.. j.Steps.OrderBy(s => s.Ordinal).Select(s => new JobStepDto(s.Name, s.Status.ToString(), s.Attempts, s.StartedAt, s.CompletedAt, s.Error))]);
}

public sealed record JobStepDto(
    string Name, string Status, int Attempts, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, string? Error);

/// <summary>
/// Dashboard figures for one agency. <see cref="SuccessRate7Days"/> is succeeded / finished (succeeded, failed,
/// cancelled, compensated) over jobs finished in the last 7 days, null when none finished;
/// <see cref="MedianDurationSeconds"/> is over succeeded jobs of the same window, created → completed.
/// </summary>
public sealed record JobStats(
    IReadOnlyDictionary<string, int> ByStatus, int Today, double? SuccessRate7Days, double? MedianDurationSeconds);
