namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// A step's own verdict that it cannot finish now. <see cref="Retryable"/> false means a retry cannot succeed
/// without a change (bad data, a deadline passed, an ambiguity a person must resolve).
/// </summary>
public sealed class StepFailedException(string message, bool retryable, Exception? inner = null) : Exception(message, inner)
{
    public bool Retryable { get; } = retryable;
}
