namespace Provisioner.GhlClient.Tests;

public sealed class GhlTokenRefreshGateTests
{
    [Fact]
    public async Task RefreshAsync_FiftyCallersWithTheSameRejectedToken_RefreshesOnce()
    {
        var gate = new GhlTokenRefreshGate();
        var current = "old";
        var refreshes = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await gate.RefreshAsync(
            "company:c-1",
            "old",
            _ => ValueTask.FromResult<string?>(Volatile.Read(ref current)),
            async ct =>
            {
                await Task.Delay(20, ct);
                Interlocked.Increment(ref refreshes);
                Volatile.Write(ref current, "new");
                return "new";
            },
            CancellationToken.None))));

        Assert.Equal(1, refreshes);
        Assert.All(results, r => Assert.Equal("new", r));
    }

    [Fact]
    public async Task RefreshAsync_DifferentResources_RefreshIndependently()
    {
        var gate = new GhlTokenRefreshGate();
        var refreshes = 0;

        await Task.WhenAll(new[] { "location:a", "location:b" }.Select(key => gate.RefreshAsync(
            key, "old", _ => ValueTask.FromResult<string?>("old"),
            _ => ValueTask.FromResult($"new-{Interlocked.Increment(ref refreshes)}"), CancellationToken.None).AsTask()));

        Assert.Equal(2, refreshes);
    }
}
