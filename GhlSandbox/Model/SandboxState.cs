namespace Provisioner.GhlSandbox.Model;

/// <summary>Everything the sandbox holds that is saved to the state file.</summary>
public sealed class SandboxState
{
    public List<CompanyRecord> Companies { get; set; } = [];
    public List<SnapshotRecord> Snapshots { get; set; } = [];
    public List<LocationRecord> Locations { get; set; } = [];
    public List<CustomValueRecord> CustomValues { get; set; } = [];
    public List<UserRecord> Users { get; set; } = [];
    public List<SnapshotLoadRecord> SnapshotLoads { get; set; } = [];
    public List<InstallationRecord> Installations { get; set; } = [];
    public List<TokenRecord> Tokens { get; set; } = [];
}
