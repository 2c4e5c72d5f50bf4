namespace Provisioner.ProvisioningService.Data;

/// <summary>
/// An agency's provisioning settings, edited by its admins. A missing row means the defaults: no default snapshot and
/// <c>ProvisioningOptions.DefaultMaxConcurrentJobs</c>.
/// </summary>
public sealed class AgencySettings
{
    public required string AgencyId { get; set; }

    /// <summary>Used when an intake names no snapshot and the advisor has no confident answer.</summary>
    public string? DefaultSnapshotId { get; set; }

    /// <summary>How many of the agency's jobs may run at once; null = the service default.</summary>
    public int? MaxConcurrentJobs { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
