using System.ComponentModel.DataAnnotations;
using System.Runtime.CompilerServices;
using Provisioner.SnapshotAdvisor.Ranking.Analysis;
using Provisioner.SnapshotAdvisor.Ranking.Taxonomy;

namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>
/// The local snapshot ranker: no model, no network. Maps the business and every snapshot into the niche taxonomy,
/// scores niche fit plus BM25 word overlap, and puts the library's generic starter first when nothing specific
/// clears it. Thread-safe; register it once (singleton).
/// </summary>
public sealed class SnapshotRanker
{
    private readonly SnapshotRankerOptions _options;
    private readonly NicheTaxonomy _taxonomy;
    private readonly RankingAnalyzer _stemmer;
    private readonly ProfileBuilder _profiles;
    private readonly ReasonWriter _reasons;
    private readonly ConditionalWeakTable<IReadOnlyList<SnapshotCandidate>, LibraryIndex> _indexes = [];

    public SnapshotRanker(SnapshotRankerOptions options, NicheTaxonomy? taxonomy = null)
    {
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = options;
        _taxonomy = taxonomy ?? NicheTaxonomy.Default;
        _stemmer = new RankingAnalyzer(synonyms: null);
        var lexicon = TaxonomyLexicon.Build(_taxonomy, _stemmer);
        _profiles = new ProfileBuilder(_taxonomy, new TextScanner(new RankingAnalyzer(lexicon.Map), lexicon));
        _reasons = new ReasonWriter(_taxonomy);
    }

    /// <summary>Prepares a library for ranking. Build once per library version; the index is immutable.</summary>
    public LibraryIndex BuildIndex(IReadOnlyList<SnapshotCandidate> library)
    {
        ArgumentNullException.ThrowIfNull(library);
        var duplicate = library.GroupBy(s => s.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Snapshot id '{duplicate.Key}' appears more than once in the library.", nameof(library));
        }

        var features = library.Select((s, i) => new SnapshotFeatures(i, s, _profiles.ForSnapshot(s), _taxonomy)).ToList();
        return new LibraryIndex(library, features, new LexicalIndex(library, _stemmer));
    }

    /// <summary>Ranks a library for a business, reusing the index built for this same list instance.</summary>
    public RankingResult Rank(BusinessProfile business, IReadOnlyList<SnapshotCandidate> library) =>
        Rank(business, _indexes.GetValue(library, BuildIndex));

    public RankingResult Rank(BusinessProfile business, LibraryIndex index)
    {
        ArgumentNullException.ThrowIfNull(business);
        ArgumentNullException.ThrowIfNull(index);
        var profile = _profiles.ForBusiness(business);
        var ordered = RankingScorer.Score(profile, index, _options.StarterScore)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Snapshot.Candidate.Id, StringComparer.Ordinal)
            .ThenBy(s => s.Snapshot.Position)
            .ToList();
        if (ordered.Count == 0)
        {
            return new RankingResult([], Confident: false, FellBackToStarter: false);
        }

        var bestSpecific = ordered.FirstOrDefault(s => !s.Snapshot.IsStarter);
        var fellBack = ordered[0].Snapshot.IsStarter;
        var evidence = RankingScorer.EvidenceStrength(profile);
        var recommendations = ordered.Take(_options.MaxResults)
            .Select((scored, i) => Describe(profile, scored, bestSpecific, first: i == 0, evidence))
            .ToList();
        return new RankingResult(recommendations, recommendations[0].Confidence >= _options.ConfidentThreshold, fellBack);
    }

    private SnapshotRecommendation Describe(EvidenceProfile business, ScoredSnapshot scored, ScoredSnapshot? bestSpecific, bool first, double evidence)
    {
        var candidate = scored.Snapshot.Candidate;
        if (!scored.Snapshot.IsStarter)
        {
            return new SnapshotRecommendation(candidate.Id, candidate.Name, Round(scored.Score), Round(scored.Score),
                _reasons.ForSpecific(business, scored), RankingResult.LocalSource, IsStarter: false);
        }

        // A starter first is a confident answer only when the intake was clear and the library really lacks the niche.
        var confidence = first
            ? evidence * Math.Clamp(1.0 - ((bestSpecific?.Score ?? 0) / scored.Score), 0.0, 1.0)
            : scored.Score;
        return new SnapshotRecommendation(candidate.Id, candidate.Name, Round(scored.Score), Round(confidence),
            _reasons.ForStarter(business, scored, bestSpecific, first), RankingResult.LocalSource, IsStarter: true);
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);
}
