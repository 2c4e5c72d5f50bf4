using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Diagnostics;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Security;

namespace Provisioner.ProvisioningService.Apis;

/// <summary>
/// What an admin's Operations page needs from this service: its messaging backlog and the agency's jobs that need
/// attention. Admins only (<see cref="ProvisioningPolicies.Manage"/>), routed through the gateway's <c>/api/jobs</c>.
/// </summary>
public static class OperationsEndpoints
{
    /// <summary>Failed jobs are listed for this long after they failed.</summary>
    public static readonly TimeSpan FailedWindow = TimeSpan.FromHours(24);

    public const int DefaultStuckMinutes = 15;
    public const int MaxStuckMinutes = 7 * 24 * 60;
    public const int MaxJobsPerList = 100;

    public static RouteGroupBuilder MapOperationsEndpoints(this RouteGroupBuilder api)
    {
        var operations = api.MapGroup("/jobs/operations").RequireAuthorization(ProvisioningPolicies.Manage);
        operations.MapGet("/backlog", BacklogAsync);
        operations.MapGet("/attention", AttentionAsync);
        return api;
    }

    /// <summary>
    /// This service's outbox, scheduler and inbox backlog. The messaging tables serve every agency of the installation
    /// and hold counts only here: no message content, no agency's data.
    /// </summary>
    public static async Task<Ok<MessagingBacklogReport>> BacklogAsync(ProvisioningDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await MessagingBacklogReport.ReadAsync(db, cancellationToken));

    /// <summary>
    /// The caller's agency's jobs that failed in the last 24 h, and those Queued or Running for longer than
    /// <paramref name="stuckMinutes"/> (default 15), newest failure and oldest stuck job first, at most 100 each.
    /// </summary>
    public static async Task<Results<Ok<AttentionJobs>, ValidationProblem>> AttentionAsync(
        string? stuckMinutes, ClaimsPrincipal user, ProvisioningDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Parsed here rather than bound as int?, so a bad value is a ValidationProblem naming the parameter.
        var minutes = DefaultStuckMinutes;
        if (stuckMinutes is not null
            && (!int.TryParse(stuckMinutes, NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes is < 1 or > MaxStuckMinutes))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["stuckMinutes"] = ["'stuckMinutes' must be a whole number of minutes from 1 to 10080 (7 days)."],
            });
        }

        var agency = ProvisioningPolicies.AgencyOf(user);
        var now = clock.GetUtcNow();
        var stuckAfter = TimeSpan.FromMinutes(minutes);
        var failedSince = now - FailedWindow;
        var stuckBefore = now - stuckAfter;
        var jobs = db.Jobs.AsNoTracking().Include(j => j.Steps).Where(j => j.AgencyId == agency);

        var failed = await jobs
            .Where(j => j.Status == JobStatus.Failed && j.UpdatedAt >= failedSince)
            .OrderByDescending(j => j.UpdatedAt)
            .ThenBy(j => j.Id)
            .Take(MaxJobsPerList)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        // Queued: waiting for a run slot since it was accepted. Running: since the saga started it.
        var stuck = await jobs
            .Where(j => (j.Status == JobStatus.Queued && j.CreatedAt < stuckBefore)
                || (j.Status == JobStatus.Running && (j.StartedAt ?? j.CreatedAt) < stuckBefore))
            .OrderBy(j => j.StartedAt ?? j.CreatedAt)
            .ThenBy(j => j.Id)
            .Take(MaxJobsPerList)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return TypedResults.Ok(new AttentionJobs(
            now, stuckAfter.TotalMinutes, [.. failed.Select(AttentionJob.From)], [.. stuck.Select(AttentionJob.From)]));
    }
}
