using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Util;

namespace Provisioner.SnapshotAdvisor.Ranking.Analysis;

/// <summary>
/// Lucene's English chain (standard tokenizer, possessives, lower case, stop words, Porter stemmer) plus ASCII folding
/// so "Café" matches "cafe". With a synonym map it also emits one marker token per taxonomy phrase it recognises.
/// </summary>
internal sealed class RankingAnalyzer(SynonymMap? synonyms) : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new EnglishPossessiveFilter(Version, source);
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        stream = new PorterStemFilter(stream);
        if (synonyms is not null)
        {
            // Phrases are matched on stems, so "furnace tune-ups" hits the entry "furnace tune-up".
            stream = new SynonymFilter(stream, synonyms, ignoreCase: false);
        }

        return new TokenStreamComponents(source, stream);
    }
}
