using Provisioner.SnapshotAdvisor.Ranking.Analysis;

namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>
/// Scores every snapshot of a library for one business. Niche fit = the share of the business's niche and sector
/// evidence the snapshot covers (directly or through a related niche); it is scaled by how much evidence the intake
/// gave at all, then blended with relative BM25 so words the taxonomy does not know still count. Sector evidence
/// ("Healthcare") only matters while the niche evidence is thin, and one shared word is a weak lexical signal.
/// </summary>
internal static class RankingScorer
{
    internal const double NicheShare = 0.8;
    internal const double LexicalShare = 0.2;
    internal const double SectorShare = 0.5;
    private const double EvidenceScale = 1.0;
    private const double SharedWordScale = 2.0;

    /// <summary>0..1: how much the intake says about what the business is (0 for an empty or opaque intake).</summary>
    public static double EvidenceStrength(EvidenceProfile business) =>
        1.0 - Math.Exp(-Denominator(business) / EvidenceScale);

    public static IReadOnlyList<ScoredSnapshot> Score(EvidenceProfile business, LibraryIndex index, double starterScore)
    {
        var denominator = Denominator(business);
        var evidence = EvidenceStrength(business);
        var lexical = index.Lexical.Score(business.Words.Keys);
        var maxLexical = index.Snapshots.Where(s => !s.IsStarter).Select(s => lexical[s.Position]).DefaultIfEmpty(0).Max();
        var maxGeneric = index.Snapshots.Where(s => s.IsStarter).Select(s => s.Profile.Generic).DefaultIfEmpty(0).Max();

        var scored = new List<ScoredSnapshot>(index.Snapshots.Count);
        foreach (var snapshot in index.Snapshots)
        {
            if (snapshot.IsStarter)
            {
                // Several starters: the most clearly generic one comes first, the others just below it.
                var rank = maxGeneric > 0 ? snapshot.Profile.Generic / maxGeneric : 1.0;
                scored.Add(new ScoredSnapshot(snapshot, 0, 0, starterScore * (0.95 + (0.05 * rank))));
                continue;
            }

            var fit = denominator > 0 ? Math.Clamp(Fit(business, snapshot) / denominator, 0.0, 1.0) : 0.0;
            var words = maxLexical > 0 ? lexical[snapshot.Position] / maxLexical * WordStrength(business, snapshot) : 0.0;
            scored.Add(new ScoredSnapshot(snapshot, fit, words, (NicheShare * evidence * fit) + (LexicalShare * words)));
        }

        return scored;
    }

    private static double Fit(EvidenceProfile business, SnapshotFeatures snapshot)
    {
        var fit = 0.0;
        for (var n = 0; n < business.Niche.Length; n++)
        {
            var value = business.Niche[n];
            // A niche the business says it does not do counts against snapshots built for it, not their neighbours.
            fit += value > 0 ? value * snapshot.Coverage[n] : value * snapshot.Direct[n];
        }

        var sectorShare = SectorWeight(business);
        for (var s = 0; s < business.Sector.Length; s++)
        {
            fit += sectorShare * business.Sector[s] * snapshot.SectorCoverage[s];
        }

        return fit;
    }

    /// <summary>0..1 from the number of distinct words both texts share: one coincidental word counts little.</summary>
    private static double WordStrength(EvidenceProfile business, SnapshotFeatures snapshot)
    {
        var shared = business.Words.Keys.Count(snapshot.Profile.Words.ContainsKey);
        return 1.0 - Math.Exp(-shared / SharedWordScale);
    }

    /// <summary>A sector is a fallback signal: its weight fades as the intake names niches.</summary>
    private static double SectorWeight(EvidenceProfile business) =>
        SectorShare * Math.Exp(-business.PositiveNicheMass);

    private static double Denominator(EvidenceProfile business) =>
        business.PositiveNicheMass + (SectorWeight(business) * business.SectorMass);
}
