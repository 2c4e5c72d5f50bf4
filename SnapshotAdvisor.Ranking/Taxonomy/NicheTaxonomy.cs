using System.Reflection;
using System.Text.Json;

namespace Provisioner.SnapshotAdvisor.Ranking.Taxonomy;

/// <summary>
/// The industry knowledge of the ranker, loaded from the embedded taxonomy.json: niches with their names and
/// synonyms (terms) and typical vocabulary (services), the sector each belongs to, and how close niches are.
/// </summary>
public sealed class NicheTaxonomy
{
    private const string ResourceName = "Provisioner.SnapshotAdvisor.Ranking.taxonomy.json";
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private readonly double[,] _relatedness;

    private NicheTaxonomy(TaxonomyDocument document)
    {
        Document = document;
        NicheIds = [.. document.Niches.Select(n => n.Id)];
        NicheLabels = [.. document.Niches.Select(n => n.Label)];
        SectorIds = [.. document.Sectors.Select(s => s.Id)];
        SectorLabels = [.. document.Sectors.Select(s => s.Label)];
        NicheSector = [.. document.Niches.Select(n => IndexOf(SectorIds, n.Sector, $"sector of niche '{n.Id}'"))];
        _relatedness = BuildRelatedness(document.Niches, NicheIds);
    }

    /// <summary>The taxonomy shipped with this assembly.</summary>
    public static NicheTaxonomy Default { get; } = LoadEmbedded();

    internal TaxonomyDocument Document { get; }

    /// <summary>Niche ids in taxonomy order; every niche index used by the ranker refers to this list.</summary>
    public IReadOnlyList<string> NicheIds { get; }

    public IReadOnlyList<string> NicheLabels { get; }

    public IReadOnlyList<string> SectorIds { get; }

    public IReadOnlyList<string> SectorLabels { get; }

    /// <summary>The sector index of each niche.</summary>
    public IReadOnlyList<int> NicheSector { get; }

    public int NicheCount => NicheIds.Count;

    /// <summary>How close two niches are, 0..1 (1 for the same niche); symmetric.</summary>
    public double Relatedness(int from, int to) => _relatedness[from, to];

    /// <summary>Parses a taxonomy in the embedded file's format; used for the shipped file and by tests.</summary>
    public static NicheTaxonomy Parse(string json)
    {
        var document = JsonSerializer.Deserialize<TaxonomyDocument>(json, JsonOptions)
            ?? throw new InvalidDataException("The taxonomy JSON is empty.");
        if (document.Niches is null || document.Niches.Count == 0)
        {
            throw new InvalidDataException("The taxonomy has no niches.");
        }

        return new NicheTaxonomy(document);
    }

    private static NicheTaxonomy LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static double[,] BuildRelatedness(IReadOnlyList<NicheEntry> niches, IReadOnlyList<string> ids)
    {
        var matrix = new double[niches.Count, niches.Count];
        for (var i = 0; i < niches.Count; i++)
        {
            matrix[i, i] = 1.0;
            foreach (var (otherId, weight) in niches[i].Related)
            {
                var j = IndexOf(ids, otherId, $"relation of niche '{niches[i].Id}'");
                var clamped = Math.Clamp(weight, 0.0, 0.95);
                // Relations are declared on either side; the stronger declaration wins so the matrix stays symmetric.
                matrix[i, j] = Math.Max(matrix[i, j], clamped);
                matrix[j, i] = Math.Max(matrix[j, i], clamped);
            }
        }

        return matrix;
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id, string what)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.Equals(ids[i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new InvalidDataException($"The taxonomy's {what} names '{id}', which is not defined.");
    }
}
