using System.Globalization;
using Provisioner.SnapshotAdvisor.Ranking.Analysis;
using Provisioner.SnapshotAdvisor.Ranking.Taxonomy;

namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>Explains a score in words an agency user can check against the intake and the snapshot.</summary>
internal sealed class ReasonWriter(NicheTaxonomy taxonomy)
{
    private const int MaxSurfaces = 3;
    private const int MaxSharedWords = 5;
    private const double MinShareOfEvidence = 0.05;

    public List<string> ForSpecific(EvidenceProfile business, ScoredSnapshot scored)
    {
        var snapshot = scored.Snapshot;
        var reasons = new List<string>();
        var total = Math.Max(business.PositiveNicheMass, 1e-9);
        var contributions = Enumerable.Range(0, business.Niche.Length)
            .Where(n => business.Niche[n] > 0 && business.Niche[n] * snapshot.Coverage[n] >= MinShareOfEvidence * total)
            .OrderByDescending(n => business.Niche[n] * snapshot.Coverage[n])
            .ThenBy(n => n)
            .Take(2);
        foreach (var n in contributions)
        {
            var label = taxonomy.NicheLabels[n];
            if (snapshot.Direct[n] >= snapshot.Coverage[n] - 1e-9)
            {
                reasons.Add($"Fits {label}: the business mentions {Quote(business.Mentions[n], negated: false)}; " +
                    $"the snapshot covers it ({Quote(snapshot.Profile.Mentions[n], negated: false)}).");
            }
            else
            {
                var neighbour = Enumerable.Range(0, snapshot.Direct.Length)
                    .OrderByDescending(m => snapshot.Direct[m] * taxonomy.Relatedness(m, n)).ThenBy(m => m).First();
                reasons.Add($"Closest neighbour: the business reads as {label} ({Quote(business.Mentions[n], negated: false)}); " +
                    $"this snapshot is built for the related niche {taxonomy.NicheLabels[neighbour]}.");
            }
        }

        for (var n = 0; n < business.Niche.Length; n++)
        {
            if (business.Niche[n] < 0 && snapshot.Direct[n] > 0)
            {
                reasons.Add($"Counts against: the business says it does not do {taxonomy.NicheLabels[n]} work " +
                    $"({Quote(business.Mentions[n], negated: true)}).");
            }
        }

        var shared = business.Words.Keys.Where(snapshot.Profile.Words.ContainsKey)
            .Select(stem => business.Words[stem].ToLowerInvariant()).Distinct(StringComparer.Ordinal)
            .Take(MaxSharedWords).Select(w => $"'{w}'").ToList();
        if (shared.Count > 0)
        {
            reasons.Add($"Shared words: {string.Join(", ", shared)}.");
        }

        if (reasons.Count == 0)
        {
            reasons.Add("Weak match: no niche and no word in common with the business.");
        }

        return reasons;
    }

    public List<string> ForStarter(EvidenceProfile business, ScoredSnapshot starter, ScoredSnapshot? bestSpecific, bool first)
    {
        if (!first)
        {
            return ["Generic starter: the fallback if the specific matches above do not suit this client."];
        }

        var reasons = new List<string>();
        reasons.Add(bestSpecific is null
            ? "The library has no niche snapshot, so the generic starter is the answer."
            : $"No snapshot fits with confidence: the best specific match, '{bestSpecific.Snapshot.Candidate.Name}', " +
              $"scores {Format(bestSpecific.Score)}, below the starter's {Format(starter.Score)}.");

        var niche = business.StrongestNiche();
        reasons.Add(niche >= 0
            ? $"The business reads as {taxonomy.NicheLabels[niche]} ({Quote(business.Mentions[niche], negated: false)}), " +
              "and no snapshot is built for that niche or a close one."
            : "The intake does not say clearly what the business does.");
        reasons.Add($"'{starter.Snapshot.Candidate.Name}' is the library's generic starter, the safe default.");
        return reasons;
    }

    private static string Quote(List<Mention>? mentions, bool negated)
    {
        var surfaces = (mentions ?? []).Where(m => m.Negated == negated)
            .Select(m => m.Surface.Trim().ToLowerInvariant()).Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal).Take(MaxSurfaces).Select(s => $"'{s}'").ToList();
        return surfaces.Count > 0 ? string.Join(", ", surfaces) : "related words";
    }

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
