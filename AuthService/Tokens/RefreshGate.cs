using System.Collections.Concurrent;

namespace Provisioner.AuthService.Tokens;

/// <summary>
/// In-process single flight per agency, in front of the cross-instance advisory lock: concurrent callers in one
/// instance queue here instead of each holding a database connection while they wait for the lock.
/// One small semaphore per agency seen is kept for the process lifetime (agencies are few).
/// </summary>
public sealed class RefreshGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string agencyId, CancellationToken cancellationToken)
    {
        var gate = gates.GetOrAdd(agencyId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
