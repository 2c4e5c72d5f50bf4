using Microsoft.EntityFrameworkCore;
using Provisioner.GhlClient;
using Provisioner.SnapshotAdvisor.Data;

namespace Provisioner.SnapshotAdvisor.Library;

/// <summary>
/// Brings one agency's library in line with GHL: new snapshots are added, names and types updated, snapshots GHL no
/// longer lists are marked removed (their local metadata is kept in case they come back). One sync per agency at a
/// time, across instances, through a PostgreSQL advisory lock held by the transaction.
/// </summary>
public sealed partial class SnapshotSync(
    AdvisorDbContext db, GhlSnapshotSource source, TimeProvider clock, ILogger<SnapshotSync> logger)
{
    public async Task<SyncResult> SyncAsync(string agencyId, CancellationToken cancellationToken)
    {
        IReadOnlyList<RemoteSnapshot> remote;
        try
        {
            remote = await source.ListAsync(agencyId, cancellationToken);
        }
        catch (Exception error) when (error is GhlApiException or GhlAgencyNotConnectedException)
        {
            await RecordFailureAsync(agencyId, error.Message, cancellationToken);
            throw;
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"advisor-sync:" + agencyId}, 0))", cancellationToken);

        var library = await EnsureLibraryAsync(agencyId, cancellationToken);
        var stored = await db.Snapshots.Where(s => s.AgencyId == agencyId).ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, cancellationToken);
        int added = 0, updated = 0, removed = 0;
        foreach (var snapshot in remote)
        {
            if (!stored.TryGetValue(snapshot.Id, out var row))
            {
                db.Snapshots.Add(new LibrarySnapshot
                {
                    AgencyId = agencyId, Id = snapshot.Id, Name = snapshot.Name, Type = snapshot.Type,
                    FirstSyncedAt = now, LastSyncedAt = now, UpdatedAt = now,
                });
                added++;
                continue;
            }

            row.LastSyncedAt = now;
            if (row.Name != snapshot.Name || row.Type != snapshot.Type || row.RemovedAt is not null)
            {
                (row.Name, row.Type, row.RemovedAt, row.UpdatedAt) = (snapshot.Name, snapshot.Type, null, now);
                updated++;
            }
        }

        var listed = remote.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in stored.Values.Where(s => s.RemovedAt is null && !listed.Contains(s.Id)))
        {
            (gone.RemovedAt, gone.UpdatedAt) = (now, now);
            removed++;
        }

        if (added + updated + removed > 0)
        {
            library.Version++;
        }

        (library.LastSyncedAt, library.LastSyncError) = (now, null);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSynced(agencyId, added, updated, removed, remote.Count);
        return new SyncResult(agencyId, added, updated, removed, remote.Count, library.Version);
    }

    /// <summary>Makes the agency known (so the periodic sync covers it) without calling GHL.</summary>
    public async Task RegisterAsync(string agencyId, CancellationToken cancellationToken)
    {
        await EnsureLibraryAsync(agencyId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<AgencyLibrary> EnsureLibraryAsync(string agencyId, CancellationToken cancellationToken)
    {
        var library = await db.Libraries.SingleOrDefaultAsync(l => l.AgencyId == agencyId, cancellationToken);
        if (library is null)
        {
            library = new AgencyLibrary { AgencyId = agencyId };
            db.Libraries.Add(library);
        }

        return library;
    }

    private async Task RecordFailureAsync(string agencyId, string message, CancellationToken cancellationToken)
    {
        var library = await EnsureLibraryAsync(agencyId, cancellationToken);
        library.LastSyncError = message.Length > 1000 ? message[..1000] : message;
        await db.SaveChangesAsync(cancellationToken);
        LogSyncFailed(agencyId, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced snapshots of agency {AgencyId}: {Added} added, {Updated} updated, {Removed} removed, {Total} listed")]
    private partial void LogSynced(string agencyId, int added, int updated, int removed, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot sync of agency {AgencyId} failed: {Reason}")]
    private partial void LogSyncFailed(string agencyId, string reason);
}
