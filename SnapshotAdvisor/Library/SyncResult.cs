namespace Provisioner.SnapshotAdvisor.Library;

/// <summary>What one sync changed. <see cref="Total"/> counts the snapshots GHL listed.</summary>
public sealed record SyncResult(string AgencyId, int Added, int Updated, int Removed, int Total, long Version);
