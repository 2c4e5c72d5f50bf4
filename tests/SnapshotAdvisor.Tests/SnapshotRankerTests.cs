using Provisioner.SnapshotAdvisor.Ranking;
using static Provisioner.SnapshotAdvisor.Tests.Builders;

namespace Provisioner.SnapshotAdvisor.Tests;

public sealed class SnapshotRankerTests
{
    private readonly SnapshotRanker _ranker = Ranker();

    [Fact]
    public void Rank_BrandNameOnly_MapsToOrthodontics()
    {
        var result = _ranker.Rank(Business(description: "We mostly do Invisalign for adults and teens."), MixedLibrary());

        Assert.Equal("snp_ortho", result.Recommendations[0].SnapshotId);
    }

    [Fact]
    public void Rank_ServiceVocabulary_MapsToHvac()
    {
        var business = Business(description: "Furnace tune-ups every fall, ductless mini-split installs in spring.");

        var result = _ranker.Rank(business, MixedLibrary());

        Assert.Equal("snp_hvac", result.Recommendations[0].SnapshotId);
        Assert.True(result.Confident);
    }

    [Fact]
    public void Rank_InflectedWords_MatchThroughStemming()
    {
        // "Kombucha" is in no taxonomy niche, and no word is spelled the same on both sides: only stems can match.
        IReadOnlyList<SnapshotCandidate> library =
        [
            Snapshot("snp_brew", "Kombucha Club", "Growler refills and fermenting workshops.", "kombucha"),
            Snapshot("snp_bank", "Credit Union Onboarding", "Account opening funnel.", "banking"),
            Starter(),
        ];

        var result = _ranker.Rank(Business(description: "Kombuchas fermented in house; growlers refilled."), library);

        var specific = result.Recommendations.Where(r => !r.IsStarter).ToList();
        Assert.Equal("snp_brew", specific[0].SnapshotId);
        Assert.True(specific[0].Score > specific[1].Score);
    }

    [Fact]
    public void Rank_NicheInSnapshotName_OutranksNicheMentionedInPassing()
    {
        IReadOnlyList<SnapshotCandidate> library =
        [
            Snapshot("snp_a_billing", "Clinic Billing Reminders", "Invoice reminders for clinics, chiropractors, dental offices and gyms."),
            Snapshot("snp_b_dental", "Dental Office Accelerator"),
        ];

        var result = _ranker.Rank(Business(industry: "Dental", description: "Family dentist, two hygienists."), library);

        Assert.Equal("snp_b_dental", result.Recommendations[0].SnapshotId);
    }

    [Fact]
    public void Rank_DescriptionAndServicesAgainstMisleadingIndustry_FollowsWhatTheBusinessDoes()
    {
        var business = Business(
            industry: "Real Estate",
            description: "I'm a loan officer at a mortgage brokerage. I don't list or sell homes anymore.",
            services: ["Purchase loans", "Refinance", "FHA loans"]);
        IReadOnlyList<SnapshotCandidate> library =
        [
            Snapshot("snp_mortgage", "Loan Officer Pipeline", "", "mortgage", "refinance"),
            Snapshot("snp_realty", "Listing Leads for Agents", "Home valuation funnel and open house sign-in.", "real estate", "realtor"),
            Starter(),
        ];

        var result = _ranker.Rank(business, library);

        Assert.Equal("snp_mortgage", result.Recommendations[0].SnapshotId);
    }

    [Fact]
    public void Rank_NegatedService_CountsAgainstThatNiche()
    {
        IReadOnlyList<SnapshotCandidate> library =
        [
            Snapshot("snp_chiro", "Chiropractic New Patients", "", "chiropractic"),
            Snapshot("snp_pt", "Physical Therapy Clinic", "", "physical therapy"),
        ];
        var business = Business(description: "Sports rehab and gait analysis for runners. We don't do adjustments or spinal decompression.");

        var result = _ranker.Rank(business, library);

        Assert.Equal("snp_pt", result.Recommendations[0].SnapshotId);
        Assert.Contains(result.Recommendations[1].Reasons, r => r.StartsWith("Counts against", StringComparison.Ordinal));
    }

    [Fact]
    public void Rank_NicheWithoutSnapshot_PutsStarterFirst()
    {
        var business = Business(industry: "Pet grooming", description: "Mobile dog grooming van: baths, nail trims, haircuts.");

        var result = _ranker.Rank(business, MixedLibrary());

        Assert.True(result.FellBackToStarter);
        Assert.True(result.Recommendations[0].IsStarter);
        Assert.Equal("snp_starter", result.Recommendations[0].SnapshotId);
        Assert.True(result.Confident, "a clear intake whose niche the library lacks is a confident starter answer");
    }

    [Fact]
    public void Rank_EmptyIntake_PutsStarterFirstWithoutConfidence()
    {
        var result = _ranker.Rank(Business(), MixedLibrary());

        Assert.True(result.FellBackToStarter);
        Assert.False(result.Confident);
        Assert.Contains(result.Recommendations[0].Reasons, r => r.Contains("does not say clearly", StringComparison.Ordinal));
    }

    [Fact]
    public void Rank_NoStarterAndNothingFits_IsNotConfident()
    {
        IReadOnlyList<SnapshotCandidate> library = [.. MixedLibrary().Where(s => s.Id != "snp_starter")];

        var result = _ranker.Rank(Business(industry: "Church", description: "Sunday worship and youth group."), library);

        Assert.False(result.FellBackToStarter);
        Assert.False(result.Confident);
        Assert.Equal(library.Count, result.Recommendations.Count);
    }

    [Fact]
    public void Rank_SnapshotsWithOnlyNames_StillMatch()
    {
        IReadOnlyList<SnapshotCandidate> library =
        [
            new("snp_chiro", "CHIRO - New Patient Machine (FINAL)", "imported", "", []),
            new("snp_saas", "SaaS Trial-to-Paid (B2B)", "own", "", []),
            Starter(),
        ];

        var chiro = _ranker.Rank(Business(description: "Adjustments and decompression for low back pain and sciatica."), library);
        var saas = _ranker.Rank(Business(description: "Scheduling software, 14-day free trial then $49/mo; we need more demos."), library);

        Assert.Equal("snp_chiro", chiro.Recommendations[0].SnapshotId);
        Assert.Equal("snp_saas", saas.Recommendations[0].SnapshotId);
    }

    [Fact]
    public void Rank_VagueIntake_IsNotConfident()
    {
        var result = _ranker.Rank(Business(industry: "Services", description: "We help local people with what they need."), MixedLibrary());

        Assert.False(result.Confident);
    }

    [Fact]
    public void Rank_ShuffledLibrary_GivesTheSameOrder()
    {
        var library = MixedLibrary();
        var business = Business(industry: "Healthcare", description: "Braces, crowns and cleanings.");

        var forward = _ranker.Rank(business, library).Recommendations.Select(r => r.SnapshotId).ToList();
        var reversed = _ranker.Rank(business, [.. library.Reverse()]).Recommendations.Select(r => r.SnapshotId).ToList();

        Assert.Equal(forward, reversed);
    }

    [Fact]
    public void Rank_IdenticalSnapshots_BreakTiesByIdOrdinal()
    {
        IReadOnlyList<SnapshotCandidate> library =
        [
            Snapshot("snp_b", "Roofing Leads", "", "roofing"),
            Snapshot("snp_a", "Roofing Leads", "", "roofing"),
        ];

        var result = _ranker.Rank(Business(industry: "Roofing"), library);

        Assert.Equal(["snp_a", "snp_b"], result.Recommendations.Select(r => r.SnapshotId));
        Assert.Equal(result.Recommendations[0].Score, result.Recommendations[1].Score);
    }

    [Fact]
    public void Rank_AnyResult_CarriesLocalSourceReasonsAndOrderedScores()
    {
        var result = _ranker.Rank(Business(industry: "Dental", description: "Family dentistry."), MixedLibrary());

        Assert.All(result.Recommendations, r =>
        {
            Assert.Equal("local", r.Source);
            Assert.NotEmpty(r.Reasons);
            Assert.InRange(r.Score, 0.0, 1.0);
            Assert.InRange(r.Confidence, 0.0, 1.0);
        });
        Assert.Equal(result.Recommendations.OrderByDescending(r => r.Score).Select(r => r.SnapshotId), result.Recommendations.Select(r => r.SnapshotId));
        Assert.Contains(result.Recommendations[0].Reasons, r => r.StartsWith("Fits Dental", StringComparison.Ordinal));
    }

    [Fact]
    public void Rank_MaxResults_LimitsTheList()
    {
        var ranker = new SnapshotRanker(new SnapshotRankerOptions { MaxResults = 2 });

        var result = ranker.Rank(Business(industry: "HVAC"), MixedLibrary());

        Assert.Equal(2, result.Recommendations.Count);
    }

    [Fact]
    public void Rank_EmptyLibrary_ReturnsNothing()
    {
        var result = _ranker.Rank(Business(industry: "HVAC"), []);

        Assert.Empty(result.Recommendations);
        Assert.False(result.Confident);
    }
}
