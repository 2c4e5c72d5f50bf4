namespace Provisioner.ProvisioningService.Data;

/// <summary>
/// One provisioning job of an agency. (<see cref="AgencyId"/>, <see cref="IdempotencyKey"/>) is unique: a repeated
/// request with the same key finds this row, and <see cref="RequestHash"/> tells whether it carried the same intake.
/// </summary>
public sealed class ProvisioningJob
{
    public Guid Id { get; set; }

    public required string AgencyId { get; set; }

    public required string IdempotencyKey { get; set; }

    /// <summary>SHA-256 (hex) of the normalised intake, so formatting differences do not count as a different body.</summary>
    public required string RequestHash { get; set; }

    /// <summary>The normalised intake (phones in E.164, custom values resolved) as JSON.</summary>
    public required string Intake { get; set; }

    /// <summary>Copied out of the intake for search and sorting.</summary>
    public required string BusinessName { get; set; }

    public required string BusinessEmail { get; set; }

    public JobStatus Status { get; set; }

    /// <summary>The snapshot asked for, or chosen by the advisor once the saga asks it; null until known.</summary>
    public string? SnapshotId { get; set; }

    /// <summary>The GHL location, once created.</summary>
    public string? LocationId { get; set; }

    public string? Error { get; set; }

    /// <summary>Where the snapshot came from and why (request, advisor's reasons, agency default).</summary>
    public string? SnapshotReason { get; set; }

    /// <summary>After compensation: what GHL refused to undo, one sentence each (JSON array); null when all was undone.</summary>
    public string? CompensationOutstanding { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<JobStep> Steps { get; set; } = [];
}
