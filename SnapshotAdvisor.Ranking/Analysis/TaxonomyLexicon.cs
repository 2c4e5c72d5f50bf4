using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Provisioner.SnapshotAdvisor.Ranking.Taxonomy;

namespace Provisioner.SnapshotAdvisor.Ranking.Analysis;

/// <summary>
/// Turns the taxonomy into a Lucene <see cref="SynonymMap"/>: every phrase, stemmed like the text it will meet, maps
/// to marker tokens "#&lt;entry&gt;" that name the niche, sector or generic marker it is evidence of.
/// </summary>
internal sealed class TaxonomyLexicon
{
    internal const char MarkerPrefix = '#';

    private const double TermWeight = 1.0;
    private const double ServiceWeight = 0.5;
    private const double SectorWeight = 1.0;
    private const double GenericStrongWeight = 1.0;
    private const double GenericWeakWeight = 0.4;
    private const int MinDomainTermLength = 5;

    private TaxonomyLexicon(IReadOnlyList<PhraseEntry> entries, SynonymMap map, IReadOnlyList<(string Word, int Entry)> domainTerms)
    {
        Entries = entries;
        Map = map;
        DomainTerms = domainTerms;
    }

    public IReadOnlyList<PhraseEntry> Entries { get; }

    public SynonymMap Map { get; }

    /// <summary>Single-word niche names (letters only) to look for inside a web domain such as "lakesideortho".</summary>
    public IReadOnlyList<(string Word, int Entry)> DomainTerms { get; }

    public static TaxonomyLexicon Build(NicheTaxonomy taxonomy, Analyzer stemmer)
    {
        var phrases = new List<(string Raw, string Key, PhraseKind Kind, int Target, double Weight)>();
        void Add(IEnumerable<string> raws, PhraseKind kind, int target, double weight)
        {
            foreach (var raw in raws)
            {
                var key = AnalyzePhrase(stemmer, raw);
                if (key is not null)
                {
                    phrases.Add((raw, key, kind, target, weight));
                }
            }
        }

        var document = taxonomy.Document;
        for (var i = 0; i < document.Niches.Count; i++)
        {
            Add(document.Niches[i].Terms, PhraseKind.NicheTerm, i, TermWeight);
            Add(document.Niches[i].Services, PhraseKind.NicheService, i, ServiceWeight);
        }

        for (var s = 0; s < document.Sectors.Count; s++)
        {
            Add(document.Sectors[s].Terms, PhraseKind.Sector, s, SectorWeight);
        }

        Add(document.Generic.Strong, PhraseKind.GenericStrong, 0, GenericStrongWeight);
        Add(document.Generic.Weak, PhraseKind.GenericWeak, 0, GenericWeakWeight);

        // A phrase several niches share ("weddings", "smile") says less about each of them.
        var nichesPerKey = phrases.Where(p => p.Kind is PhraseKind.NicheTerm or PhraseKind.NicheService)
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Target).Distinct().Count(), StringComparer.Ordinal);

        var entries = new List<PhraseEntry>();
        var seen = new Dictionary<(string Key, PhraseKind Kind, int Target), int>();
        var domainTerms = new List<(string, int)>();
        var builder = new SynonymMap.Builder(dedup: true);
        foreach (var phrase in phrases)
        {
            if (seen.ContainsKey((phrase.Key, phrase.Kind, phrase.Target)))
            {
                continue;
            }

            var shared = nichesPerKey.TryGetValue(phrase.Key, out var count) && count > 1 ? Math.Sqrt(count) : 1.0;
            var index = entries.Count;
            entries.Add(new PhraseEntry(phrase.Kind, phrase.Target, phrase.Weight / shared));
            seen[(phrase.Key, phrase.Kind, phrase.Target)] = index;
            builder.Add(new CharsRef(phrase.Key), new CharsRef(MarkerPrefix + index.ToString(System.Globalization.CultureInfo.InvariantCulture)), includeOrig: true);
            if (phrase.Kind == PhraseKind.NicheTerm && phrase.Raw.Length >= MinDomainTermLength && phrase.Raw.All(char.IsAsciiLetterLower))
            {
                domainTerms.Add((phrase.Raw, index));
            }
        }

        return new TaxonomyLexicon(entries, builder.Build(), domainTerms);
    }

    /// <summary>The stems of a phrase joined as SynonymMap expects, or null when analysis leaves nothing reliable.</summary>
    private static string? AnalyzePhrase(Analyzer stemmer, string raw)
    {
        var words = new List<string>();
        using (var stream = stemmer.GetTokenStream("phrase", new StringReader(raw)))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                words.Add(term.ToString());
            }

            stream.End();
        }

        var rawWordCount = raw.Split([' ', '/', '-', '&', ':'], StringSplitOptions.RemoveEmptyEntries).Length;
        // "IT services" or "A/C" lose a stop word and would collapse to a single common stem: skip such phrases.
        if (words.Count == 0 || (words.Count == 1 && rawWordCount > 1) || (words.Count == 1 && words[0].Length < 2))
        {
            return null;
        }

        return string.Join(SynonymMap.WORD_SEPARATOR, words);
    }
}
