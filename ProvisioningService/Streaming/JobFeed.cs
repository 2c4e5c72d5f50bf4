using Microsoft.EntityFrameworkCore;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// The events of one job. Reading by id is safe here without the <see cref="JobEventWatermark"/>: a job's events are
/// written one transaction at a time (the acceptor's, then the saga's, which holds the saga row's lock), so a job never
/// commits a lower id after a higher one.
/// </summary>
internal sealed class JobFeed(ProvisioningDbContext db, TimeProvider clock, Guid jobId, string agencyId) : IJobEventFeed
{
    /// <summary>The states a job stream ends in. Failed is one too: a retry is a new run, watched with a new stream.</summary>
    public static readonly IReadOnlyList<JobStatus> FinalStates = [JobStatus.Succeeded, JobStatus.Failed, JobStatus.Cancelled, JobStatus.Compensated];

    public async Task<bool> IsCompleteAsync(long after, CancellationToken cancellationToken)
    {
        // Status and last event id in one statement (one snapshot): the final event commits with the final status, so
        // a final status means no event of this job will follow the last one seen here.
        var job = await db.Jobs.AsNoTracking()
            .Where(j => j.Id == jobId && j.AgencyId == agencyId)
            .Select(j => new { j.Status, Last = db.JobEvents.Where(e => e.JobId == jobId).Max(e => (long?)e.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        return job is null || (FinalStates.Contains(job.Status) && (job.Last ?? 0) <= after);
    }

    public Task<List<JobEvent>> NextAsync(long after, int max, CancellationToken cancellationToken) =>
        db.JobEvents.AsNoTracking()
            .Where(e => e.JobId == jobId && e.AgencyId == agencyId && e.Id > after)
            .OrderBy(e => e.Id)
            .Take(max)
            .ToListAsync(cancellationToken);

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.Delay(timeout, clock, cancellationToken);
}
