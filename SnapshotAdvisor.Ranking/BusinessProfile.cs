namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>A client business as the intake describes it. Any field may be empty.</summary>
public sealed record BusinessProfile(
    string Name,
    string Industry,
    string Description,
    IReadOnlyList<string> Services,
    string Website);
