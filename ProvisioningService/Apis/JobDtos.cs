using System.Text.Json;
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

/// <summary>
/// One job with its steps, in plan order. <see cref="LocationUrl"/> opens the location in GHL;
/// <see cref="NotUndone"/> lists what compensation could not undo (for a person to finish).
/// </summary>
public sealed record JobDetail(
    Guid Id, string Status, string BusinessName, string BusinessEmail, string? SnapshotId, string? SnapshotReason,
    string? LocationId, string? LocationUrl, string? Error, IReadOnlyList<string> NotUndone,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    IReadOnlyList<JobStepDto> Steps)
{
    public static JobDetail From(ProvisioningJob j, string locationLinkTemplate) => new(
        j.Id, j.Status.ToString(), j.BusinessName, j.BusinessEmail, j.SnapshotId, j.SnapshotReason,
        j.LocationId, j.LocationId is null ? null : locationLinkTemplate.Replace("{locationId}", Uri.EscapeDataString(j.LocationId), StringComparison.Ordinal),
        j.Error, j.CompensationOutstanding is null ? [] : JsonSerializer.Deserialize<string[]>(j.CompensationOutstanding) ?? [],
        j.CreatedBy, j.CreatedAt, j.UpdatedAt, j.StartedAt, j.CompletedAt,
        [.. j.Steps.OrderBy(s => s.Ordinal).Select(s => new JobStepDto(
            s.Name, s.Status.ToString(), s.Attempts, s.StartedAt, s.CompletedAt,
            s.StartedAt is { } started && s.CompletedAt is { } completed ? (completed - started).TotalSeconds : null, s.Error, s.Detail))]);
}

public sealed record JobStepDto(
    string Name, string Status, int Attempts, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, double? DurationSeconds,
    string? Error, string? Detail);

/// <summary>
/// Dashboard figures for one agency. <see cref="SuccessRate7Days"/> is succeeded / finished (succeeded, failed,
/// cancelled, compensated) over jobs finished in the last 7 days, null when none finished;
/// <see cref="MedianDurationSeconds"/> is over succeeded jobs of the same window, created → completed.
/// <see cref="Daily"/> holds one entry per UTC day of the last <see cref="JobStats.DailyDays"/> days (oldest first,
/// today last, zeros included) counting the jobs that finished that day by outcome.
/// </summary>
public sealed record JobStats(
    IReadOnlyDictionary<string, int> ByStatus, int Today, double? SuccessRate7Days, double? MedianDurationSeconds,
    IReadOnlyList<JobDayCount> Daily)
{
    public const int DailyDays = 14;
}

/// <summary>Jobs that reached a final state on one UTC day, by that state.</summary>
public sealed record JobDayCount(DateOnly Day, int Succeeded, int Failed, int Cancelled, int Compensated);

/// <summary>A row of the per-day grouping query (day, final status, count).</summary>
public sealed record JobDayStatusCount(DateOnly Day, string Status, int Count);
