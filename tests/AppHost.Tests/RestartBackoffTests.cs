using Provisioner.AppHost.Processes;

namespace Provisioner.AppHost.Tests;

public sealed class RestartBackoffTests
{
    private static readonly RestartOptions Options = new() { InitialDelaySeconds = 1, MaxDelaySeconds = 30, ResetAfterSeconds = 60 };

    [Fact]
    public void NextDelay_RepeatedQuickCrashes_DoublesUpToTheCap()
    {
        var backoff = new RestartBackoff(Options);

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay(TimeSpan.FromSeconds(2)).TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
        Assert.Equal(8, backoff.ConsecutiveFailures);
    }

    [Fact]
    public void NextDelay_AfterALongRun_StartsOverFromTheInitialDelay()
    {
        var backoff = new RestartBackoff(Options);
        backoff.NextDelay(TimeSpan.FromSeconds(1));
        backoff.NextDelay(TimeSpan.FromSeconds(1));
        backoff.NextDelay(TimeSpan.FromSeconds(1));

        var delay = backoff.NextDelay(TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromSeconds(1), delay);
        Assert.Equal(1, backoff.ConsecutiveFailures);
    }

    [Fact]
    public void DelayFor_ManyFailures_NeverExceedsTheCap()
    {
        var backoff = new RestartBackoff(Options);

        Assert.Equal(TimeSpan.FromSeconds(30), backoff.DelayFor(10_000));
    }

    [Fact]
    public void DelayFor_ZeroFailures_Throws()
    {
        var backoff = new RestartBackoff(Options);

        Assert.Throws<ArgumentOutOfRangeException>(() => backoff.DelayFor(0));
    }
}
