using System.ComponentModel.DataAnnotations;
using Provisioner.SnapshotAdvisor.Ranking;
using static Provisioner.SnapshotAdvisor.Tests.Builders;

namespace Provisioner.SnapshotAdvisor.Tests;

public sealed class LibraryIndexTests
{
    [Fact]
    public void BuildIndex_CatchAllWording_IsTheOnlyStarter()
    {
        IReadOnlyList<SnapshotCandidate> library =
        [
            Starter(),
            Snapshot("snp_dental_starter", "Dental Starter Kit", "A starter build for dental practices.", "dental"),
            Snapshot("snp_general_dentistry", "General Dentistry Growth", "", "dentist"),
        ];

        var index = Ranker().BuildIndex(library);

        Assert.Equal(1, index.StarterCount);
    }

    [Fact]
    public void BuildIndex_DuplicateIds_Throws()
    {
        IReadOnlyList<SnapshotCandidate> library = [Snapshot("snp_x", "One"), Snapshot("snp_x", "Two")];

        var error = Assert.Throws<ArgumentException>(() => Ranker().BuildIndex(library));

        Assert.Contains("snp_x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_PrebuiltIndex_MatchesRankOnTheList()
    {
        var ranker = Ranker();
        var library = MixedLibrary();
        var index = ranker.BuildIndex(library);
        var business = Business(industry: "Real estate", description: "Buyer and seller agent.");

        var viaIndex = ranker.Rank(business, index).Recommendations.Select(r => (r.SnapshotId, r.Score));
        var viaList = ranker.Rank(business, library).Recommendations.Select(r => (r.SnapshotId, r.Score));

        Assert.Equal(viaIndex, viaList);
    }

    [Fact]
    public void Constructor_OutOfRangeOptions_Throws()
    {
        var error = Assert.Throws<ValidationException>(() => new SnapshotRanker(new SnapshotRankerOptions { StarterScore = 2 }));

        Assert.Contains(nameof(SnapshotRankerOptions.StarterScore), error.Message, StringComparison.Ordinal);
    }
}
