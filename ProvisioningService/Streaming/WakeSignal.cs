namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// A wake-up for one waiting loop: <see cref="Pulse"/> from any thread, <see cref="WaitAsync"/> returns at the first
/// pulse since the last wait, or after the timeout. Pulses while nobody waits are kept as one, so none is lost.
/// </summary>
internal sealed class WakeSignal
{
    private readonly SemaphoreSlim pulses = new(0, 1);

    public void Pulse()
    {
        try
        {
            pulses.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already pulsed and not yet waited for: one wake-up covers both.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => pulses.WaitAsync(timeout, cancellationToken);
}
