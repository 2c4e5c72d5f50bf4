namespace Provisioner.SnapshotAdvisor.Ranking.Analysis;

/// <summary>What a recognised taxonomy phrase is evidence of.</summary>
internal enum PhraseKind
{
    NicheTerm,
    NicheService,
    Sector,
    GenericStrong,
    GenericWeak,
}

/// <summary>One taxonomy phrase pointing at one niche or sector, with the weight of a single mention.</summary>
internal sealed record PhraseEntry(PhraseKind Kind, int Target, double Weight)
{
    public bool IsNiche => Kind is PhraseKind.NicheTerm or PhraseKind.NicheService;

    public bool IsGeneric => Kind is PhraseKind.GenericStrong or PhraseKind.GenericWeak;
}
