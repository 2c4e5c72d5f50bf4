namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// How one run of a step ended when it did not throw. Failures are exceptions: <see cref="StepFailedException"/> for
/// the step's own verdicts, and GHL/HTTP errors classified by <see cref="StepFailureClassifier"/>.
/// </summary>
public abstract record StepResult
{
    /// <summary>The step is done; <paramref name="Detail"/> is a short human-readable outcome ("3 custom values set").</summary>
    public sealed record Completed(string Detail) : StepResult;

    /// <summary>The step is waiting on GHL (the snapshot load): run it again after the poll interval.</summary>
    public sealed record Waiting(string Status, int PercentComplete, string Detail) : StepResult;
}
