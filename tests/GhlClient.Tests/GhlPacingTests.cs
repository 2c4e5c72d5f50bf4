using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Provisioner.GhlClient.RateLimiting;
using Provisioner.GhlClient.Tests.Support;
using Provisioner.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Provisioner.GhlClient.Tests;

public sealed class GhlPacingTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public void TryAcquire_300RequestsAtTheDocumentedLimits_NeverMoreThan100In10Seconds()
    {
        var log = new SlidingWindowLog(GhlRateLimits.From(new GhlClientOptions()), 0.1);
        var now = Start;
        var granted = new List<DateTimeOffset>();
        while (granted.Count < 300)
        {
            var decision = log.TryAcquire(now, out var slot);
            if (slot is not null)
            {
                // Answered 150 ms after it was sent: the slot frees one window after the answer.
                granted.Add(now);
                log.Complete(slot, now + TimeSpan.FromMilliseconds(150));
            }
            else
            {
                Assert.False(decision.DailyExhausted);
                now += decision.RetryAfter;
            }
        }

        AssertAtMostPerWindow(granted, 100, TimeSpan.FromSeconds(10));
        AssertAtMostPerWindow(granted, 90, TimeSpan.FromSeconds(10));
        Assert.True(granted[^1] - granted[0] >= TimeSpan.FromSeconds(30), "300 requests at 90 per 10 s need at least 30 s");
    }

    [Fact]
    public void Observe_GhlCountsMoreRequestsThanWeSent_BooksTheDifference()
    {
        var log = new SlidingWindowLog(new GhlRateLimits(90, TimeSpan.FromSeconds(10), 1000), 0.1);
        Assert.True(Grant(log, Start));

        // Another instance spent 80 of GHL's 100: only 9 of our 90 are left (90 − 1 − 80).
        log.Observe(Start, new GhlRateLimitHeaders(100, 19, TimeSpan.FromSeconds(10), null, null, null), rateLimited: false);

        var grantedNow = Enumerable.Range(0, 20).Count(_ => Grant(log, Start));
        Assert.Equal(9, grantedNow);
    }

    [Fact]
    public void Observe_RateLimited_BlocksTheResourceForTheInterval()
    {
        var log = new SlidingWindowLog(new GhlRateLimits(90, TimeSpan.FromSeconds(10), 1000), 0.1);

        log.Observe(Start, new GhlRateLimitHeaders(null, null, TimeSpan.FromSeconds(3), null, null, null), rateLimited: true);

        var decision = log.TryAcquire(Start.AddSeconds(1), out _);
        Assert.False(decision.Granted);
        Assert.Equal(TimeSpan.FromSeconds(2), decision.RetryAfter);
        Assert.True(Grant(log, Start.AddSeconds(3)));
    }

    [Fact]
    public void Observe_SmallerAnnouncedLimit_PacesToIt()
    {
        var log = new SlidingWindowLog(new GhlRateLimits(90, TimeSpan.FromSeconds(10), 1000), 0.1);

        log.Observe(Start, new GhlRateLimitHeaders(25, 25, TimeSpan.FromSeconds(10), null, null, null), rateLimited: false);

        Assert.Equal(22, Enumerable.Range(0, 40).Count(_ => Grant(log, Start)));
    }

    [Fact]
    public void TryAcquire_DailyLimitReached_ReportsExhaustedUntilUtcMidnight()
    {
        var log = new SlidingWindowLog(new GhlRateLimits(1000, TimeSpan.FromSeconds(10), 3), 0.1);
        Assert.Equal(3, Enumerable.Range(0, 5).Count(_ => Grant(log, Start)));

        var decision = log.TryAcquire(Start, out _);

        Assert.True(decision.DailyExhausted);
        Assert.Equal(TimeSpan.FromHours(12), decision.RetryAfter);
        Assert.True(Grant(log, Start.AddHours(12)));
    }

    [Fact]
    public async Task AcquireAsync_WindowFull_WaitsOnTheClockUntilTheWindowSlides()
    {
        var clock = new FakeTimeProvider(Start);
        var options = Options.Create(new GhlClientOptions { BurstLimit = 2, SafetyMargin = 0, BurstWindow = TimeSpan.FromSeconds(10) });
        var budget = new InProcessGhlRateBudget(options, clock);
        (await budget.AcquireAsync("location:l", "test", CancellationToken.None)).Dispose();
        var inFlight = await budget.AcquireAsync("location:l", "test", CancellationToken.None);

        var third = budget.AcquireAsync("location:l", "test", CancellationToken.None).AsTask();
        using var otherResource = await budget.AcquireAsync("location:other", "test", CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(9.9));
        await Task.Delay(50);
        Assert.False(third.IsCompleted, "granted before the window slid");

        clock.Advance(TimeSpan.FromSeconds(0.1));
        using var granted = await third.WaitAsync(TimeSpan.FromSeconds(10));

        // The first slot freed 10 s after its answer; the second is still in flight and keeps its slot.
        Assert.Equal(TimeSpan.FromSeconds(10), granted.Waited);
        Assert.Equal(TimeSpan.Zero, otherResource.Waited);
        var fourth = budget.AcquireAsync("location:l", "test", CancellationToken.None).AsTask();
        clock.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted, "granted while both slots were held");
        inFlight.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10));
        (await fourth.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task GetCompany_300QueuedRequests_GhlNeverSeesMoreThanTheLimitPerWindow()
    {
        // The documented 100 per 10 s, scaled to 100 per 2 s so the test takes seconds (the client paces at 90 per 2 s).
        // GHL counts arrivals: slots free a window after the answer, so late arrivals cannot bunch up.
        _server.Given(Request.Create().WithPath("/companies/c-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Samples.CompanyJson));
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?>
        {
            ["BurstLimit"] = "100",
            ["BurstWindow"] = "00:00:02",
        });

        await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => host.Companies.GetAsync("c-1")));

        var arrivals = _server.LogEntries.Select(e => new DateTimeOffset(e.RequestMessage.DateTime, TimeSpan.Zero)).Order().ToList();
        Assert.Equal(300, arrivals.Count);
        AssertAtMostPerWindow(arrivals, 100, TimeSpan.FromSeconds(2));
        Assert.True(arrivals[^1] - arrivals[0] >= TimeSpan.FromSeconds(6), "300 requests at 90 per 2 s need more than 6 s");
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Message.Contains("waited", StringComparison.Ordinal));
    }

    private static bool Grant(SlidingWindowLog log, DateTimeOffset now)
    {
        var decision = log.TryAcquire(now, out var slot);
        if (slot is not null)
        {
            log.Complete(slot, now);
        }

        return decision.Granted;
    }

    /// <summary>Every window that starts at a request holds at most <paramref name="limit"/> requests.</summary>
    private static void AssertAtMostPerWindow(IReadOnlyList<DateTimeOffset> times, int limit, TimeSpan window)
    {
        for (int first = 0, last = 0; first < times.Count; first++)
        {
            while (last < times.Count && times[last] < times[first] + window)
            {
                last++;
            }

            Assert.True(last - first <= limit, $"{last - first} requests in the {window.TotalSeconds} s from {times[first]:HH:mm:ss.fff}; limit {limit}");
        }
    }
}
