namespace Provisioner.AppHost.Processes;

/// <summary>
/// Delay before restarting a crashed service: doubles from the initial delay up to the cap, and starts over once a
/// run lasted <see cref="RestartOptions.ResetAfterSeconds"/> (the crash is then new, not the same loop).
/// </summary>
public sealed class RestartBackoff(RestartOptions options)
{
    private int _consecutiveFailures;

    public int ConsecutiveFailures => _consecutiveFailures;

    /// <summary>Records a crash after a run of <paramref name="runDuration"/> and returns how long to wait.</summary>
    public TimeSpan NextDelay(TimeSpan runDuration)
    {
        _consecutiveFailures = runDuration >= TimeSpan.FromSeconds(options.ResetAfterSeconds) ? 1 : _consecutiveFailures + 1;
        return DelayFor(_consecutiveFailures);
    }

    /// <summary>The delay after the n-th consecutive failure (1-based).</summary>
    public TimeSpan DelayFor(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        // Cap the exponent: 2^30 seconds overflows TimeSpan arithmetic long before it matters.
        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 30));
        return TimeSpan.FromSeconds(Math.Min(options.InitialDelaySeconds * factor, options.MaxDelaySeconds));
    }
}
