namespace Provisioner.Contracts.Advisor;

/// <summary>
/// The advisor's answer to <see cref="RecommendSnapshot"/>. <see cref="SnapshotId"/> is null when the agency's library
/// has no visible snapshot; <see cref="Confident"/> false means a person should review the pick. Source is
/// <c>model</c> or <c>local</c>.
/// </summary>
public sealed record SnapshotRecommended(
    Guid JobId,
    string AgencyId,
    string? SnapshotId,
    string? SnapshotName,
    bool Confident,
    double Confidence,
    IReadOnlyList<string> Reasons,
    string Source);
