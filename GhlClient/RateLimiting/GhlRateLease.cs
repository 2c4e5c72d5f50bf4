namespace Provisioner.GhlClient.RateLimiting;

/// <summary>
/// One booked request. Disposed when the response (or failure) is in: only then does its slot start its last
/// window, because only then do we know GHL has counted it.
/// </summary>
public sealed class GhlRateLease(TimeSpan waited, Action? release) : IDisposable
{
    private Action? _release = release;

    /// <summary>How long the request queued for the budget.</summary>
    public TimeSpan Waited { get; } = waited;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
