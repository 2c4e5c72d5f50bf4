namespace Provisioner.SnapshotAdvisor.Advice;

/// <summary>One ranked snapshot. Source is <c>model</c> for the model's pick, <c>local</c> for the ranker's.</summary>
public sealed record Recommendation(
    string SnapshotId,
    string Name,
    double Score,
    double Confidence,
    IReadOnlyList<string> Reasons,
    string Source);
