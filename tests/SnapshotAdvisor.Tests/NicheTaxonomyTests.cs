using Provisioner.SnapshotAdvisor.Ranking.Taxonomy;

namespace Provisioner.SnapshotAdvisor.Tests;

public sealed class NicheTaxonomyTests
{
    [Fact]
    public void Default_ShippedTaxonomy_CoversTheCommonLocalNiches()
    {
        var taxonomy = NicheTaxonomy.Default;

        Assert.True(taxonomy.NicheCount >= 40, $"only {taxonomy.NicheCount} niches");
        string[] required = ["dental", "orthodontics", "med_spa", "chiropractic", "hvac", "plumbing", "roofing", "real_estate",
            "mortgage", "insurance", "law", "accounting", "restaurant", "veterinary", "saas", "ecommerce", "tutoring"];
        Assert.All(required, id => Assert.Contains(id, taxonomy.NicheIds));
    }

    [Fact]
    public void Relatedness_DeclaredOnOneSide_IsSymmetric()
    {
        var taxonomy = NicheTaxonomy.Default;
        var dental = taxonomy.NicheIds.ToList().IndexOf("dental");
        var ortho = taxonomy.NicheIds.ToList().IndexOf("orthodontics");

        Assert.True(taxonomy.Relatedness(dental, ortho) > 0);
        Assert.Equal(taxonomy.Relatedness(dental, ortho), taxonomy.Relatedness(ortho, dental));
        Assert.Equal(1.0, taxonomy.Relatedness(dental, dental));
    }

    [Fact]
    public void Parse_UnknownRelatedNiche_ThrowsNamingIt()
    {
        const string json = """
            {"generic": {"strong": [], "weak": []}, "sectors": [{"id": "s", "label": "S", "terms": []}],
             "niches": [{"id": "a", "label": "A", "sector": "s", "terms": ["a"], "services": [], "related": {"ghost": 0.5}}]}
            """;

        var error = Assert.Throws<InvalidDataException>(() => NicheTaxonomy.Parse(json));

        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
    }
}
