using System.Collections.Concurrent;

namespace Provisioner.GhlClient.Tests.Support;

/// <summary>
/// A token store like AuthService's: one current token per resource, refreshed through <see cref="GhlTokenRefreshGate"/>
/// into <c>{initial}-r{n}</c>. Counts refreshes; a refresh takes a moment so concurrent 401s really overlap.
/// </summary>
internal sealed class FakeTokenProvider(string initialToken = "token-initial") : IGhlTokenProvider
{
    private readonly ConcurrentDictionary<string, string> _current = new();
    private readonly GhlTokenRefreshGate _gate = new();
    private int _refreshes;

    public int Refreshes => Volatile.Read(ref _refreshes);

    public ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_current.GetOrAdd(request.ResourceKey, initialToken));

    public ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken) =>
        _gate.RefreshAsync(
            request.ResourceKey,
            rejectedToken,
            _ => ValueTask.FromResult(_current.TryGetValue(request.ResourceKey, out var current) ? current : null),
            async ct =>
            {
                await Task.Delay(50, ct);
                var n = Interlocked.Increment(ref _refreshes);
                var fresh = $"{initialToken}-r{n}";
                _current[request.ResourceKey] = fresh;
                return fresh;
            },
            cancellationToken);
}
