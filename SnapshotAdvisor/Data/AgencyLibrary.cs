namespace Provisioner.SnapshotAdvisor.Data;

/// <summary>
/// An agency known to the advisor. <see cref="Version"/> grows with every change to its snapshots (sync or edit), so
/// a ranker index built for one version is never used for another.
/// </summary>
public sealed class AgencyLibrary
{
    public required string AgencyId { get; init; }

    public long Version { get; set; }

    public DateTimeOffset? LastSyncedAt { get; set; }

    /// <summary>Why the last sync failed (no token, GHL error); null after a successful sync.</summary>
    public string? LastSyncError { get; set; }
}
