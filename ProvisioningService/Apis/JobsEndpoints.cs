using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Saga;
using Provisioner.ProvisioningService.Security;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>Read side of the jobs API; every query is scoped to the caller's agency.</summary>
public static class JobsEndpoints
{
    private static readonly JobStatus[] Finished = [JobStatus.Succeeded, JobStatus.Failed, JobStatus.Cancelled, JobStatus.Compensated];

    public static async Task<Results<Ok<JobPage>, ValidationProblem>> ListAsync(
        [AsParameters] JobQuery query, ClaimsPrincipal user, ProvisioningDbContext db, CancellationToken cancellationToken)
    {
        if (!query.TryParse(out var filter, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var matching = filter.Apply(db.Jobs.AsNoTracking(), ProvisioningPolicies.AgencyOf(user));
        var total = await matching.CountAsync(cancellationToken);
        var items = await matching
            .Skip((int)Math.Min((long)(filter.Page - 1) * filter.PageSize, int.MaxValue))
            .Take(filter.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new JobPage([.. items.Select(JobSummary.From)], total, filter.Page, filter.PageSize));
    }

    public static async Task<Results<Ok<JobDetail>, NotFound>> GetAsync(
        Guid id, ClaimsPrincipal user, ProvisioningDbContext db, IOptions<JobRunOptions> options, CancellationToken cancellationToken)
    {
        var agency = ProvisioningPolicies.AgencyOf(user);
        // Another agency's job is "not found", never "forbidden": its existence is not revealed.
        var job = await db.Jobs.AsNoTracking()
            .Include(j => j.Steps)
            .FirstOrDefaultAsync(j => j.Id == id && j.AgencyId == agency, cancellationToken);
        return job is null ? TypedResults.NotFound() : TypedResults.Ok(JobDetail.From(job, options.Value.LocationLinkTemplate));
    }

    public static async Task<Ok<JobStats>> StatsAsync(
        ClaimsPrincipal user, ProvisioningDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var agency = ProvisioningPolicies.AgencyOf(user);
        var now = clock.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var weekAgo = now.AddDays(-7);
        var jobs = db.Jobs.AsNoTracking().Where(j => j.AgencyId == agency);

        var counts = await jobs.GroupBy(j => j.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byStatus = Enum.GetValues<JobStatus>().ToDictionary(
            s => s.ToString(), s => counts.FirstOrDefault(c => c.Key == s)?.Count ?? 0);
        var createdToday = await jobs.CountAsync(j => j.CreatedAt >= today, cancellationToken);

        var finished = await jobs
            .Where(j => Finished.Contains(j.Status) && j.CompletedAt >= weekAgo)
            .GroupBy(j => j.Status == JobStatus.Succeeded)
            .Select(g => new { Succeeded = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var finishedCount = finished.Sum(f => f.Count);
        double? successRate = finishedCount == 0 ? null : (double)finished.Where(f => f.Succeeded).Sum(f => f.Count) / finishedCount;

        // percentile_cont in the database: the durations of a busy week need not travel to the service.
        var median = await db.Database.SqlQuery<double?>($"""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - created_at))::float8 AS "Value"
            FROM jobs WHERE agency_id = {agency} AND status = 'Succeeded' AND completed_at >= {weekAgo}
            """).SingleAsync(cancellationToken);

        var daily = await DailyAsync(db, agency, today, cancellationToken);
        return TypedResults.Ok(new JobStats(byStatus, createdToday, successRate, median, daily));
    }

    /// <summary>
    /// Finished jobs per UTC day of completion and outcome, for the dashboard chart. Grouped in the database (one row
    /// per day and status, at most 14 × 4); days without jobs are filled in with zeros here.
    /// </summary>
    private static async Task<IReadOnlyList<JobDayCount>> DailyAsync(
        ProvisioningDbContext db, string agency, DateTimeOffset today, CancellationToken cancellationToken)
    {
        var first = today.AddDays(-(JobStats.DailyDays - 1));
        var rows = await db.Database.SqlQuery<JobDayStatusCount>($"""
            SELECT (completed_at AT TIME ZONE 'UTC')::date AS "Day", status AS "Status", count(*)::int AS "Count"
            FROM jobs
            WHERE agency_id = {agency} AND completed_at >= {first}
              AND status IN ('Succeeded', 'Failed', 'Cancelled', 'Compensated')
            GROUP BY 1, 2
            """).ToListAsync(cancellationToken);

        var firstDay = DateOnly.FromDateTime(first.UtcDateTime);
        return [.. Enumerable.Range(0, JobStats.DailyDays).Select(offset =>
        {
            var day = firstDay.AddDays(offset);
            int Count(JobStatus status) => rows.Where(r => r.Day == day && r.Status == status.ToString()).Sum(r => r.Count);
            return new JobDayCount(day, Count(JobStatus.Succeeded), Count(JobStatus.Failed), Count(JobStatus.Cancelled), Count(JobStatus.Compensated));
        })];
    }
}
