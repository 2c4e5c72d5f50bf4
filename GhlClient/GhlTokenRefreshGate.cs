using System.Collections.Concurrent;

namespace Provisioner.GhlClient;

/// <summary>
/// Single-flight refresh for <see cref="IGhlTokenProvider"/> implementations: however many callers report the same
/// rejected token for a resource at once, the refresh delegate runs once and all of them get its result. A caller
/// reporting a token that was already replaced gets the current token without a new refresh.
/// </summary>
public sealed class GhlTokenRefreshGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    /// <param name="resourceKey">One refresh stream per agency or location (<see cref="GhlTokenRequest.ResourceKey"/>).</param>
    /// <param name="rejectedToken">The access token GHL rejected.</param>
    /// <param name="currentTokenAsync">Reads the stored current token (may already be newer than the rejected one).</param>
    /// <param name="refreshAsync">Performs the refresh and persists the new pair; returns the new access token.</param>
    public async ValueTask<string> RefreshAsync(
        string resourceKey,
        string rejectedToken,
        Func<CancellationToken, ValueTask<string?>> currentTokenAsync,
        Func<CancellationToken, ValueTask<string>> refreshAsync,
        CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(resourceKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = await currentTokenAsync(cancellationToken);
            if (current is not null && current != rejectedToken)
            {
                return current;
            }

            return await refreshAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}
