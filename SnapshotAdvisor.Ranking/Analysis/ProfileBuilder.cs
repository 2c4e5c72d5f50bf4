using Provisioner.SnapshotAdvisor.Ranking.Taxonomy;

namespace Provisioner.SnapshotAdvisor.Ranking.Analysis;

/// <summary>
/// Maps a business or a snapshot into niche space. Field weights say how much each field is trusted: a snapshot's
/// name and tags are curated labels, a business's industry field is plain but sometimes vague or misleading, so its
/// description and services together can outvote it.
/// </summary>
internal sealed class ProfileBuilder(NicheTaxonomy taxonomy, TextScanner scanner)
{
    private static readonly IReadOnlyDictionary<SourceField, double> BusinessWeights = new Dictionary<SourceField, double>
    {
        [SourceField.Industry] = 1.6,
        [SourceField.Name] = 0.8,
        [SourceField.Description] = 1.0,
        [SourceField.Services] = 1.2,
        [SourceField.Website] = 0.5,
    };

    private static readonly IReadOnlyDictionary<SourceField, double> SnapshotWeights = new Dictionary<SourceField, double>
    {
        [SourceField.Name] = 2.0,
        [SourceField.Tags] = 1.5,
        [SourceField.Description] = 1.0,
    };

    public EvidenceProfile ForBusiness(BusinessProfile business)
    {
        var profile = NewProfile();
        AddText(profile, SourceField.Industry, BusinessWeights, [business.Industry]);
        AddText(profile, SourceField.Name, BusinessWeights, [business.Name]);
        AddText(profile, SourceField.Description, BusinessWeights, [business.Description]);
        AddText(profile, SourceField.Services, BusinessWeights, business.Services ?? []);

        var domainHits = new List<PhraseHit>();
        scanner.ScanDomain(business.Website ?? string.Empty, domainHits);
        profile.AddField(SourceField.Website, BusinessWeights[SourceField.Website], domainHits, [], scanner.Lexicon);
        return profile;
    }

    public EvidenceProfile ForSnapshot(SnapshotCandidate snapshot)
    {
        var profile = NewProfile();
        AddText(profile, SourceField.Name, SnapshotWeights, [snapshot.Name]);
        AddText(profile, SourceField.Tags, SnapshotWeights, snapshot.Tags ?? []);
        AddText(profile, SourceField.Description, SnapshotWeights, [snapshot.Description]);
        return profile;
    }

    private EvidenceProfile NewProfile() => new(taxonomy.NicheCount, taxonomy.SectorIds.Count);

    private void AddText(EvidenceProfile profile, SourceField field, IReadOnlyDictionary<SourceField, double> weights, IEnumerable<string?> texts)
    {
        var hits = new List<PhraseHit>();
        var words = new List<WordHit>();
        foreach (var text in texts)
        {
            // Each service or tag is its own short text, so a phrase never spans two list items.
            scanner.Scan(text ?? string.Empty, hits, words);
        }

        profile.AddField(field, weights[field], hits, words, scanner.Lexicon);
    }
}
