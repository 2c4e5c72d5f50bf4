namespace Provisioner.GhlSandbox.Model;

/// <summary>A snapshot push into a location; progress is derived from the clock, not from a background job.</summary>
public sealed class SnapshotLoadRecord
{
    public required string SnapshotId { get; set; }
    public required string LocationId { get; set; }
    public required string CompanyId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public TimeSpan Duration { get; set; }
    /// <summary>Replace existing custom values with the same name (PUT /locations snapshot.override).</summary>
    public bool Override { get; set; }
    /// <summary>Set once the snapshot's custom values have been written into the location.</summary>
    public bool Applied { get; set; }
}
