namespace Provisioner.GhlSandbox.Model;

/// <summary>A snapshot in an agency's library and the custom values a load of it creates.</summary>
public sealed class SnapshotRecord
{
    public required string Id { get; set; }
    public required string CompanyId { get; set; }
    public required string Name { get; set; }
    /// <summary>"own" or "imported", as GET /snapshots/ reports.</summary>
    public string Type { get; set; } = "own";
    public string? Niche { get; set; }
    public List<SnapshotValue> CustomValues { get; set; } = [];
}

public sealed record SnapshotValue(string Name, string Value);
