namespace Provisioner.SnapshotAdvisor.Ranking.Analysis;

/// <summary>Where a piece of text came from; each field weighs differently.</summary>
internal enum SourceField
{
    Industry,
    Name,
    Description,
    Services,
    Website,
    Tags,
}

/// <summary>A taxonomy phrase as evidence for a niche, kept for the human-readable reasons.</summary>
internal readonly record struct Mention(SourceField Field, string Surface, bool Negated);

/// <summary>
/// Niche, sector and generic evidence of one text (a business or a snapshot) plus its plain stems. Each field saturates
/// (1 - e^-count) so ten mentions in a long description do not outweigh a plain industry field.
/// </summary>
internal sealed class EvidenceProfile
{
    private const double StressBoost = 1.3;

    private readonly Dictionary<string, string> _words = new(StringComparer.Ordinal);

    public EvidenceProfile(int nicheCount, int sectorCount)
    {
        Niche = new double[nicheCount];
        Sector = new double[sectorCount];
        Mentions = new List<Mention>[nicheCount];
    }

    /// <summary>Signed evidence per niche; negative when the text says it does not do that niche's work.</summary>
    public double[] Niche { get; }

    public double[] Sector { get; }

    public double Generic { get; private set; }

    public List<Mention>?[] Mentions { get; }

    /// <summary>Stem → first surface spelling, for lexical overlap reasons.</summary>
    public IReadOnlyDictionary<string, string> Words => _words;

    public double PositiveNicheMass => Niche.Where(v => v > 0).Sum();

    public double SectorMass => Sector.Sum();

    public void AddField(SourceField field, double fieldWeight, IReadOnlyList<PhraseHit> hits, IReadOnlyList<WordHit> words, TaxonomyLexicon lexicon)
    {
        var positive = new Dictionary<int, double>();
        var negative = new Dictionary<int, double>();
        var sectors = new Dictionary<int, double>();
        var generic = 0.0;
        foreach (var hit in hits)
        {
            var entry = lexicon.Entries[hit.Entry];
            var weight = entry.Weight * (hit.Stressed ? StressBoost : 1.0);
            if (entry.IsNiche)
            {
                var bucket = hit.Negated ? negative : positive;
                bucket[entry.Target] = bucket.GetValueOrDefault(entry.Target) + weight;
                (Mentions[entry.Target] ??= []).Add(new Mention(field, hit.Surface, hit.Negated));
            }
            else if (entry.Kind == PhraseKind.Sector && !hit.Negated)
            {
                sectors[entry.Target] = sectors.GetValueOrDefault(entry.Target) + weight;
            }
            else if (entry.IsGeneric && !hit.Negated)
            {
                generic += weight;
            }
        }

        foreach (var (niche, count) in positive)
        {
            Niche[niche] += fieldWeight * Saturate(count);
        }

        foreach (var (niche, count) in negative)
        {
            Niche[niche] -= fieldWeight * Saturate(count);
        }

        foreach (var (sector, count) in sectors)
        {
            Sector[sector] += fieldWeight * Saturate(count);
        }

        Generic += fieldWeight * Saturate(generic);
        foreach (var word in words)
        {
            _words.TryAdd(word.Stem, word.Surface);
        }
    }

    public int StrongestNiche()
    {
        var best = -1;
        for (var i = 0; i < Niche.Length; i++)
        {
            if (Niche[i] > 0 && (best < 0 || Niche[i] > Niche[best]))
            {
                best = i;
            }
        }

        return best;
    }

    private static double Saturate(double count) => 1.0 - Math.Exp(-count);
}
