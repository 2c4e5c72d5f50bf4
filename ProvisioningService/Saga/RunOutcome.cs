namespace Provisioner.ProvisioningService.Saga;

/// <summary>What the state machine does next after the runner handled a message.</summary>
public enum RunOutcome
{
    /// <summary>The job goes on (a next step, a poll or a retry is on its way).</summary>
    Continue,
    Ignored,
    Succeeded,
    Failed,
    Cancelled,
    Compensated,
}
