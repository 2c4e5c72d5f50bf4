namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>
/// One agency library prepared for ranking: every snapshot mapped into niche space and a BM25 index over its text.
/// Build it once per library version and reuse it for every recommendation; it is immutable and thread-safe.
/// </summary>
public sealed class LibraryIndex
{
    internal LibraryIndex(IReadOnlyList<SnapshotCandidate> library, IReadOnlyList<SnapshotFeatures> snapshots, LexicalIndex lexical)
    {
        Library = library;
        Snapshots = snapshots;
        Lexical = lexical;
    }

    public IReadOnlyList<SnapshotCandidate> Library { get; }

    /// <summary>How many snapshots of the library read as generic starters.</summary>
    public int StarterCount => Snapshots.Count(s => s.IsStarter);

    internal IReadOnlyList<SnapshotFeatures> Snapshots { get; }

    internal LexicalIndex Lexical { get; }
}
