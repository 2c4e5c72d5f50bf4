using Microsoft.EntityFrameworkCore;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// Every event of one agency, never complete. Only ids up to the <see cref="JobEventWatermark"/> are read: events of
/// different jobs are written by concurrent transactions, and one holding a lower id may commit after a higher one
/// was sent; reading past the watermark would skip it for good.
/// </summary>
internal sealed class AgencyFeed(ProvisioningDbContext db, JobEventWatermark watermark, string agencyId) : IJobEventFeed
{
    // Ids up to here were all looked at: the next query starts after them even when none was this agency's, so a
    // quiet agency's stream does not rescan the busy agencies' events on every poll.
    private long scanned;

    public Task<bool> IsCompleteAsync(long after, CancellationToken cancellationToken) => Task.FromResult(false);

    public async Task<List<JobEvent>> NextAsync(long after, int max, CancellationToken cancellationToken)
    {
        var from = Math.Max(after, scanned);
        var upTo = watermark.Value;
        // The primary key's range (from, upTo] is small for a live stream, so this stays cheap without an agency index.
        var events = await db.JobEvents.AsNoTracking()
            .Where(e => e.Id > from && e.Id <= upTo && e.AgencyId == agencyId)
            .OrderBy(e => e.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        scanned = events.Count < max ? Math.Max(from, upTo) : events[^1].Id;
        return events;
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        watermark.WaitBeyondAsync(scanned, timeout, cancellationToken);

    public void Dispose()
    {
        // Holds nothing: every read uses the request's DbContext, and the watermark is shared.
    }
}
