using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Provisioner.SnapshotAdvisor.Ranking.Analysis;

/// <summary>A taxonomy phrase found in text: the entry, the words as written, and the clause's polarity.</summary>
internal readonly record struct PhraseHit(int Entry, string Surface, bool Negated, bool Stressed);

/// <summary>A plain stemmed word found in text, with the first spelling it was seen in.</summary>
internal readonly record struct WordHit(string Stem, string Surface);

/// <summary>Runs the synonym-aware analyzer over text, clause by clause, and collects phrase hits and plain stems.</summary>
internal sealed class TextScanner(Analyzer analyzer, TaxonomyLexicon lexicon)
{
    public TaxonomyLexicon Lexicon { get; } = lexicon;

    public void Scan(string text, List<PhraseHit> hits, List<WordHit> words)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        foreach (var clause in ClauseSplitter.Split(text))
        {
            ScanClause(clause, hits, words);
        }
    }

    /// <summary>Finds single-word niche names inside a web address ("brightsmileortho.com" → ortho).</summary>
    public void ScanDomain(string website, List<PhraseHit> hits)
    {
        var label = DomainLabel(website);
        if (label.Length == 0)
        {
            return;
        }

        foreach (var (word, entry) in Lexicon.DomainTerms)
        {
            if (label.Contains(word, StringComparison.Ordinal))
            {
                hits.Add(new PhraseHit(entry, word, Negated: false, Stressed: false));
            }
        }
    }

    private void ScanClause(Clause clause, List<PhraseHit> hits, List<WordHit> words)
    {
        using var stream = analyzer.GetTokenStream("text", new StringReader(clause.Text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var start = Math.Clamp(offset.StartOffset, 0, clause.Text.Length);
            var end = Math.Clamp(offset.EndOffset, start, clause.Text.Length);
            var surface = clause.Text[start..end];
            if (term.Length > 1 && term.Buffer[0] == TaxonomyLexicon.MarkerPrefix)
            {
                var entry = int.Parse(term.ToString().AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                hits.Add(new PhraseHit(entry, surface, clause.Negated, clause.Stressed));
            }
            else if (!clause.Negated)
            {
                words.Add(new WordHit(term.ToString(), surface));
            }
        }

        stream.End();
    }

    private static string DomainLabel(string website)
    {
        var text = website.Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return string.Empty;
        }

        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return string.Empty;
        }

        // A social profile names the business in its path, not its host.
        var host = uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host;
        var isSocial = host is "facebook.com" or "instagram.com" or "linktr.ee" or "tiktok.com" or "yelp.com";
        var name = isSocial ? uri.AbsolutePath.Trim('/') : host.Split('.')[0];
        return new string([.. name.Where(char.IsAsciiLetterLower)]);
    }
}
