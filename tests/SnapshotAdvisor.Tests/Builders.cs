using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.SnapshotAdvisor.Tests;

/// <summary>Short constructors for made-up libraries and intakes.</summary>
internal static class Builders
{
    public static SnapshotCandidate Snapshot(string id, string name, string description = "", params string[] tags) =>
        new(id, name, "own", description, tags);

    public static BusinessProfile Business(string industry = "", string description = "", string[]? services = null, string name = "", string website = "") =>
        new(name, industry, description, services ?? [], website);

    public static SnapshotCandidate Starter(string id = "snp_starter") =>
        Snapshot(id, "General Local Business Starter", "Catch-all build for clients without a niche snapshot: site, lead form, reviews.", "general", "starter");

    /// <summary>A small mixed library with one generic starter.</summary>
    public static IReadOnlyList<SnapshotCandidate> MixedLibrary() =>
    [
        Snapshot("snp_dental", "Dental Practice Growth", "New patient funnel, hygiene recall, emergency appointments.", "dental", "dentist"),
        Snapshot("snp_ortho", "Straight Smiles Ortho", "Free consult funnel for braces and clear aligners.", "orthodontics"),
        Snapshot("snp_hvac", "Comfort Pros Heating & Air", "Seasonal tune-up campaigns and maintenance club.", "hvac"),
        Snapshot("snp_realty", "Listing Leads for Agents", "Home valuation funnel and open house sign-in.", "real estate", "realtor"),
        Starter(),
    ];

    public static SnapshotRanker Ranker() => new(new SnapshotRankerOptions());
}
