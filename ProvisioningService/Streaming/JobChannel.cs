using Microsoft.EntityFrameworkCore;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// One job's events as this instance last read them, shared by every stream open on the job: however many clients
/// watch a job, the database is asked once per change (see <see cref="JobEventChannels"/>). Reading by id is exact for a
/// single job: its events are written one transaction at a time (the acceptor's, then the saga's, which holds the saga
/// row's lock), so a job never commits a lower id after a higher one.
/// </summary>
internal sealed class JobChannel(Guid jobId, string agencyId)
{
    /// <summary>The states a job stream ends in. Failed is one too: a retry is a new run, watched with a new stream.</summary>
    public static readonly IReadOnlyList<JobStatus> FinalStates = [JobStatus.Succeeded, JobStatus.Failed, JobStatus.Cancelled, JobStatus.Compensated];

    private readonly Lock gate = new();
    private readonly List<JobEvent> events = [];
    private readonly TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool gone;
    private JobStatus status;
    private long last;

    public Guid JobId { get; } = jobId;

    public string AgencyId { get; } = agencyId;

    /// <summary>Pulsed when the job may have new events; the channel's reader waits on it between reads.</summary>
    public WakeSignal Wake { get; } = new();

    /// <summary>Stops the reader once the last stream left.</summary>
    public CancellationTokenSource Stopping { get; } = new();

    /// <summary>Streams on this channel; changed only under <see cref="JobEventChannels"/>' lock.</summary>
    public int Streams { get; set; }

    /// <summary>Completes after the first read (faulted when it failed: the streams then end, and the client reconnects).</summary>
    public Task Loaded => loaded.Task;

    /// <summary>Reads what is new since the last read and tells the streams when anything changed.</summary>
    public async Task RefreshAsync(ProvisioningDbContext db, CancellationToken cancellationToken)
    {
        // Status and last id first, in one statement; the events after: everything up to that last id has committed, so
        // the second read holds it, and "final and nothing after what a stream sent" is exact.
        var head = await db.Jobs.AsNoTracking()
            .Where(j => j.Id == JobId && j.AgencyId == AgencyId)
            .Select(j => new { j.Status, Last = db.JobEvents.Where(e => e.JobId == JobId).Max(e => (long?)e.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        long known;
        lock (gate)
        {
            known = events.Count == 0 ? 0 : events[^1].Id;
        }

        var fresh = await db.JobEvents.AsNoTracking()
            .Where(e => e.JobId == JobId && e.AgencyId == AgencyId && e.Id > known)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);

        TaskCompletionSource? notify = null;
        lock (gate)
        {
            var nowGone = head is null;
            var nowStatus = head?.Status ?? status;
            var nowLast = head?.Last ?? last;
            if (fresh.Count > 0 || nowGone != gone || nowStatus != status || nowLast != last)
            {
                events.AddRange(fresh);
                (gone, status, last) = (nowGone, nowStatus, nowLast);
                notify = changed;
                changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        loaded.TrySetResult();
        notify?.TrySetResult();
    }

    public void FailLoad(Exception error) => loaded.TrySetException(error);

    /// <summary>Whether a stream that sent everything up to <paramref name="after"/> is over.</summary>
    public bool IsComplete(long after)
    {
        lock (gate)
        {
            return gone || (FinalStates.Contains(status) && last <= after);
        }
    }

    /// <summary>
    /// At most <paramref name="max"/> events after <paramref name="after"/>, and a task that completes at the next
    /// change after this read (so a stream that found nothing new waits for exactly that).
    /// </summary>
    public (List<JobEvent> Events, Task Changed) Read(long after, int max)
    {
        lock (gate)
        {
            var start = events.FindIndex(e => e.Id > after);
            var page = start < 0 ? [] : events.GetRange(start, Math.Min(max, events.Count - start));
            return (page, changed.Task);
        }
    }
}
