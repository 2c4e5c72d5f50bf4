namespace Provisioner.ProvisioningService.Data;

/// <summary>A job step's lifecycle; stored and returned by name.</summary>
public enum StepStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
