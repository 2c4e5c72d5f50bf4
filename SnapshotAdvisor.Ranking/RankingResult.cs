namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>
/// The ranked snapshots, best first. <see cref="Confident"/> is false when the first answer is a guess a person should
/// review; <see cref="FellBackToStarter"/> is true when the generic starter was put first because nothing else fits.
/// </summary>
public sealed record RankingResult(
    IReadOnlyList<SnapshotRecommendation> Recommendations,
    bool Confident,
    bool FellBackToStarter)
{
    /// <summary>Recommendations from this ranker carry this source; the model path uses another.</summary>
    public const string LocalSource = "local";
}
