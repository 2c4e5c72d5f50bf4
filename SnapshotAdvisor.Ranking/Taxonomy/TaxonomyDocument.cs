namespace Provisioner.SnapshotAdvisor.Ranking.Taxonomy;

/// <summary>The JSON shape of taxonomy.json: niches of local businesses, broad sectors, and the words of a generic snapshot.</summary>
internal sealed record TaxonomyDocument(
    GenericMarkers Generic,
    IReadOnlyList<SectorEntry> Sectors,
    IReadOnlyList<NicheEntry> Niches);

internal sealed record GenericMarkers(IReadOnlyList<string> Strong, IReadOnlyList<string> Weak);

internal sealed record SectorEntry(string Id, string Label, IReadOnlyList<string> Terms);

internal sealed record NicheEntry(
    string Id,
    string Label,
    string Sector,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Services,
    IReadOnlyDictionary<string, double> Related);
