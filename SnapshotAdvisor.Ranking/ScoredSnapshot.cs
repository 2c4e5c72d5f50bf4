namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>A snapshot with its score parts for one business: niche fit 0..1, relative BM25 0..1, final score.</summary>
internal sealed record ScoredSnapshot(SnapshotFeatures Snapshot, double NicheFit, double Lexical, double Score);
