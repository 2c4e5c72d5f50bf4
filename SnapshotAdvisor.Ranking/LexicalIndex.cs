using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Provisioner.SnapshotAdvisor.Ranking.Analysis;

namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>
/// A Lucene in-memory index of one library (name, tags, description as separate fields) searched with BM25. It catches
/// what the taxonomy does not know: an agency's own niche words, brand names, product words.
/// </summary>
internal sealed class LexicalIndex
{
    private const string OrdinalField = "ordinal";
    private const int MaxQueryWords = 128;

    private static readonly (string Field, float Boost)[] Fields = [("name", 3.0f), ("tags", 2.0f), ("description", 1.0f)];

    private readonly IndexSearcher _searcher;
    private readonly int[] _docToSnapshot;
    private readonly int _count;

    public LexicalIndex(IReadOnlyList<SnapshotCandidate> library, Analyzer stemmer)
    {
        _count = library.Count;
        var directory = new RAMDirectory();
        var config = new IndexWriterConfig(RankingAnalyzer.Version, stemmer) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < library.Count; i++)
            {
                var snapshot = library[i];
                writer.AddDocument(new Document
                {
                    new TextField("name", snapshot.Name ?? string.Empty, Field.Store.NO),
                    new TextField("tags", string.Join(" . ", snapshot.Tags ?? []), Field.Store.NO),
                    new TextField("description", snapshot.Description ?? string.Empty, Field.Store.NO),
                    new NumericDocValuesField(OrdinalField, i),
                });
            }

            writer.Commit();
        }

        var reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        _docToSnapshot = MapDocuments(reader);
    }

    /// <summary>BM25 score of each snapshot (by library position) for the business's stems; 0 when nothing matches.</summary>
    public double[] Score(IEnumerable<string> stems)
    {
        var scores = new double[_count];
        var query = new BooleanQuery();
        foreach (var stem in stems.Take(MaxQueryWords))
        {
            foreach (var (field, boost) in Fields)
            {
                query.Add(new TermQuery(new Term(field, stem)) { Boost = boost }, Occur.SHOULD);
            }
        }

        if (query.Clauses.Count == 0 || _count == 0)
        {
            return scores;
        }

        foreach (var hit in _searcher.Search(query, _count).ScoreDocs)
        {
            scores[_docToSnapshot[hit.Doc]] = hit.Score;
        }

        return scores;
    }

    private static int[] MapDocuments(DirectoryReader reader)
    {
        var map = new int[reader.MaxDoc];
        var ordinals = MultiDocValues.GetNumericValues(reader, OrdinalField);
        for (var doc = 0; doc < map.Length; doc++)
        {
            map[doc] = ordinals is null ? doc : (int)ordinals.Get(doc);
        }

        return map;
    }
}
