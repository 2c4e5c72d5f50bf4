using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Provisioner.SnapshotAdvisor.Data;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.SnapshotAdvisor.Library;

/// <summary>
/// The ranker index of each agency's visible library, rebuilt only when the library's version changes (a sync or an
/// edit bumps it): building costs tens of milliseconds, ranking against a built index about one.
/// </summary>
public sealed class LibraryIndexCache(SnapshotRanker ranker)
{
    private readonly ConcurrentDictionary<string, CachedIndex> _indexes = new(StringComparer.Ordinal);

    public async Task<LibraryIndex> GetAsync(AdvisorDbContext db, string agencyId, CancellationToken cancellationToken)
    {
        var version = await db.Libraries.Where(l => l.AgencyId == agencyId).Select(l => (long?)l.Version)
            .SingleOrDefaultAsync(cancellationToken) ?? -1;
        if (_indexes.TryGetValue(agencyId, out var cached) && cached.Version == version)
        {
            return cached.Index;
        }

        var snapshots = await db.Snapshots.AsNoTracking()
            .Where(s => s.AgencyId == agencyId && s.RemovedAt == null && !s.Hidden)
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var candidates = snapshots.Select(s => new SnapshotCandidate(s.Id, s.Name, s.Type, s.Description, s.Tags)).ToList();
        var index = ranker.BuildIndex(candidates);
        _indexes[agencyId] = new CachedIndex(version, index);
        return index;
    }

    /// <summary>Whether the index of this agency version is cached; tests use it to check reuse.</summary>
    internal bool IsCached(string agencyId, long version) =>
        _indexes.TryGetValue(agencyId, out var cached) && cached.Version == version;

    private sealed record CachedIndex(long Version, LibraryIndex Index);
}
