namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// What a job has decided and created so far. Kept in the saga instance (JSON) so a retry resumes where the job
/// stopped and compensation knows exactly what this job made in GHL — and nothing else.
/// </summary>
public sealed class JobProgress
{
    public string? SnapshotId { get; set; }

    /// <summary>Why this snapshot: "requested", the advisor's reasons, or "agency default".</summary>
    public string? SnapshotReason { get; set; }

    public string? LocationId { get; set; }

    /// <summary>GHL users this job created (not ones that already existed and were skipped).</summary>
    public List<string> CreatedUserIds { get; set; } = [];

    /// <summary>Custom values this job created or changed, with the value to restore.</summary>
    public List<CustomValueChange> CustomValueChanges { get; set; } = [];
}

/// <summary>A custom value the job wrote. <see cref="PreviousValue"/> is null when the job created it.</summary>
public sealed record CustomValueChange(string Id, string Name, string? PreviousValue);
