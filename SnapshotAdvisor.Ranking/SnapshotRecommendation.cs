namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>One ranked snapshot. Score orders the list; Confidence says how sure the ranker is that this one is right.</summary>
public sealed record SnapshotRecommendation(
    string SnapshotId,
    string Name,
    double Score,
    double Confidence,
    IReadOnlyList<string> Reasons,
    string Source,
    bool IsStarter);
