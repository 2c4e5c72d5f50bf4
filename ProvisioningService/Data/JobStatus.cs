namespace Provisioner.ProvisioningService.Data;

/// <summary>A job's lifecycle; stored and returned by name.</summary>
public enum JobStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
    Compensated,
}
