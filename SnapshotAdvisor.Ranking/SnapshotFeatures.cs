using Provisioner.SnapshotAdvisor.Ranking.Analysis;
using Provisioner.SnapshotAdvisor.Ranking.Taxonomy;

namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>What the ranker precomputes for one snapshot: the niches it is built for, its reach into related niches,
/// and whether it is a generic starter.</summary>
internal sealed class SnapshotFeatures
{
    public SnapshotFeatures(int position, SnapshotCandidate candidate, EvidenceProfile profile, NicheTaxonomy taxonomy)
    {
        Position = position;
        Candidate = candidate;
        Profile = profile;

        var strongest = profile.Niche.Length == 0 ? 0.0 : profile.Niche.Max();
        Direct = new double[taxonomy.NicheCount];
        Coverage = new double[taxonomy.NicheCount];
        SectorCoverage = new double[taxonomy.SectorIds.Count];
        if (strongest > 0)
        {
            // Relative to the snapshot's own main niche: a side mention of "weddings" in a photography snapshot is
            // worth less than its photography.
            for (var n = 0; n < Direct.Length; n++)
            {
                Direct[n] = Math.Max(0.0, profile.Niche[n]) / strongest;
            }
        }

        for (var n = 0; n < Direct.Length; n++)
        {
            if (Direct[n] <= 0)
            {
                continue;
            }

            for (var m = 0; m < Coverage.Length; m++)
            {
                Coverage[m] = Math.Max(Coverage[m], Direct[n] * taxonomy.Relatedness(n, m));
            }
        }

        for (var n = 0; n < Coverage.Length; n++)
        {
            var sector = taxonomy.NicheSector[n];
            SectorCoverage[sector] = Math.Max(SectorCoverage[sector], Direct[n]);
        }

        // Generic only when the catch-all wording outweighs every niche: "Dental Starter" stays a dental snapshot.
        IsStarter = profile.Generic > 0 && profile.Generic >= strongest;
    }

    public int Position { get; }

    public SnapshotCandidate Candidate { get; }

    public EvidenceProfile Profile { get; }

    /// <summary>0..1 per niche: how much the snapshot itself is built for that niche.</summary>
    public double[] Direct { get; }

    /// <summary>0..1 per niche: direct fit, or a related niche's fit scaled by how close the niches are.</summary>
    public double[] Coverage { get; }

    public double[] SectorCoverage { get; }

    public bool IsStarter { get; }
}
