namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// One GHL step of a job (<c>ProvisioningSteps</c> names it). Runs may repeat — after a crash, a redelivery or a
/// retry — so every step first looks at what GHL already has and only does what is missing.
/// </summary>
public interface IProvisioningStep
{
    string Name { get; }

    Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken);
}
