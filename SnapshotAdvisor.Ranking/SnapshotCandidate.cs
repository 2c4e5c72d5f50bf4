namespace Provisioner.SnapshotAdvisor.Ranking;

/// <summary>One snapshot of an agency's library. Description and tags may be empty; then only the name says what it is for.</summary>
public sealed record SnapshotCandidate(
    string Id,
    string Name,
    string Type,
    string Description,
    IReadOnlyList<string> Tags);
