using System.Diagnostics;
using Provisioner.GhlClient.RateLimiting;
using Provisioner.TestSupport;
using Xunit.Abstractions;

namespace Provisioner.GhlClient.Tests.RateLimiting;

/// <summary>
/// The shared budget against the real PostgreSQL: each test owns a database, and two (or more) budget instances on it
/// stand for instances of services in separate processes (each with its own connection pool).
/// </summary>
public sealed class PostgresGhlRateBudgetTests(ITestOutputHelper output)
{
    private const string Resource = "company:c-1";

    [Fact]
    public async Task BookAsync_300ConcurrentAcrossTwoInstances_GrantsExactlyTheLimitAndTellsTheRestToWaitAWindow()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        await using var a = SharedBudget.Create(db.ConnectionString, o => o.BurstLimit = 100);
        await using var b = SharedBudget.Create(db.ConnectionString, o => o.BurstLimit = 100);
        Assert.NotNull((await a.BookAsync("company:warm-up", CancellationToken.None)).SlotId); // the schema exists from here on

        var started = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var budget = i % 2 == 0 ? a : b;
            var (decision, slotId) = await budget.BookAsync(Resource, CancellationToken.None);
            return (Budget: budget, decision, slotId);
        })));
        started.Stop();

        var granted = results.Where(r => r.slotId is not null).ToList();
        var denied = results.Where(r => r.slotId is null).ToList();
        Assert.Equal(100, granted.Count);
        Assert.Contains(granted, r => r.Budget == a);
        Assert.Contains(granted, r => r.Budget == b);

        // Every granted request is still in flight: none frees before a window after its answer, so the wait is a window.
        Assert.All(denied, r => Assert.False(r.decision.DailyExhausted));
        Assert.All(denied, r => Assert.Equal(TimeSpan.FromSeconds(10), r.decision.RetryAfter));
        output.WriteLine($"300 bookings across 2 instances: {started.Elapsed.TotalMilliseconds:0} ms, {300 / started.Elapsed.TotalSeconds:0} bookings/s");

        // The answers arrive: each slot frees one window later, and the other instance sees it.
        var answered = Stopwatch.StartNew();
        foreach (var (budget, _, slotId) in granted)
        {
            budget.Release(slotId!.Value);
        }

        await a.FlushAsync(CancellationToken.None);
        await b.FlushAsync(CancellationToken.None);
        var after = (await b.BookAsync(Resource, CancellationToken.None)).Decision;
        Assert.False(after.Granted);
        Assert.InRange(after.RetryAfter, TimeSpan.FromSeconds(10) - answered.Elapsed, TimeSpan.FromSeconds(10));
        Assert.Equal(0, a.FallbackUses + b.FallbackUses);
    }

    [Fact]
    public async Task AcquireAsync_TwoInstancesPacing100Requests_NeverMoreThanTheLimitInAnyWindow()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        Action<GhlClientOptions> limits = o =>
        {
            o.BurstLimit = 20;
            o.BurstWindow = TimeSpan.FromSeconds(1);
        };
        await using var a = SharedBudget.Create(db.ConnectionString, limits);
        await using var b = SharedBudget.Create(db.ConnectionString, limits);
        (await a.AcquireAsync("company:warm-up", "test", CancellationToken.None)).Dispose();
        var tripsBefore = a.RoundTrips + b.RoundTrips;

        var grants = new List<DateTimeOffset>();
        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            using var lease = await (i % 2 == 0 ? a : b).AcquireAsync(Resource, "test", CancellationToken.None);
            lock (grants)
            {
                grants.Add(DateTimeOffset.UtcNow);
            }

            // The answer: GHL took 20 ms. The lease ends when it is in.
            await Task.Delay(20);
        })));
        started.Stop();

        grants.Sort();
        AssertAtMostPerWindow(grants, 20, TimeSpan.FromSeconds(1));
        Assert.True(grants[^1] - grants[0] >= TimeSpan.FromSeconds(4), "100 requests at 20 per second need at least 4 s");
        Assert.Equal(0, a.FallbackUses + b.FallbackUses);
        var trips = a.RoundTrips + b.RoundTrips - tripsBefore;
        output.WriteLine($"100 paced requests (20/s) across 2 instances in {started.Elapsed.TotalSeconds:0.0} s; {trips} round trips, {trips / 100.0:0.00} per request");
    }

    [Fact]
    public async Task ObserveAsync_GhlCountsRequestsWeDidNotBook_TheOtherInstanceBooksOnlyTheRest()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        await using var a = SharedBudget.Create(db.ConnectionString, o => o.BurstLimit = 90);
        await using var b = SharedBudget.Create(db.ConnectionString, o => o.BurstLimit = 90);
        Assert.NotNull((await a.BookAsync(Resource, CancellationToken.None)).SlotId);

        // Another tool of the same app spent 80 of GHL's 100: of our 90, 90 − 1 − 80 = 9 are left.
        await a.ObserveAsync(Resource, new GhlRateLimitHeaders(100, 19, TimeSpan.FromSeconds(10), null, null, null), rateLimited: false, CancellationToken.None);
        await a.FlushAsync(CancellationToken.None);

        Assert.Equal(9, await GrantedOf(b, 20));
    }

    [Fact]
    public async Task ObserveAsync_SmallerAnnouncedLimit_EveryInstancePacesToIt()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        await using var a = SharedBudget.Create(db.ConnectionString, o => o.SafetyMargin = 0.1);
        await using var b = SharedBudget.Create(db.ConnectionString, o => o.SafetyMargin = 0.1);

        // A sandbox PIT: 25 per 10 s, so 22 with the 10 % margin.
        await a.ObserveAsync(Resource, new GhlRateLimitHeaders(25, 25, TimeSpan.FromSeconds(10), null, null, null), rateLimited: false, CancellationToken.None);
        await a.FlushAsync(CancellationToken.None);

        Assert.Equal(22, await GrantedOf(b, 40));
    }

    [Fact]
    public async Task ObserveAsync_RateLimited_BlocksEveryInstanceForTheInterval()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        await using var a = SharedBudget.Create(db.ConnectionString);
        await using var b = SharedBudget.Create(db.ConnectionString);
        Assert.NotNull((await b.BookAsync("company:warm-up", CancellationToken.None)).SlotId);
        var tripsBefore = a.RoundTrips;
        var observed = Stopwatch.StartNew();

        await a.ObserveAsync(Resource, new GhlRateLimitHeaders(null, null, TimeSpan.FromSeconds(3), null, null, null), rateLimited: true, CancellationToken.None);

        Assert.Equal(tripsBefore + 1, a.RoundTrips);
        var decision = (await b.BookAsync(Resource, CancellationToken.None)).Decision;
        Assert.False(decision.Granted);
        Assert.False(decision.DailyExhausted);
        Assert.InRange(decision.RetryAfter, TimeSpan.FromSeconds(3) - observed.Elapsed, TimeSpan.FromSeconds(3));
        Assert.NotNull((await b.BookAsync("company:other", CancellationToken.None)).SlotId);
    }

    [Fact]
    public async Task ObserveAsync_DailyRemainingZero_EveryInstanceThrowsUntilUtcMidnight()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        await using var a = SharedBudget.Create(db.ConnectionString);
        await using var b = SharedBudget.Create(db.ConnectionString);

        await a.ObserveAsync(Resource, new GhlRateLimitHeaders(100, 50, TimeSpan.FromSeconds(10), 200_000, 0, null), rateLimited: false, CancellationToken.None);

        var error = await Assert.ThrowsAsync<GhlRateLimitExceededException>(async () => await b.AcquireAsync(Resource, "GetCompany", CancellationToken.None));
        Assert.Equal(Resource, error.ResourceKey);
        var midnight = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(1);
        Assert.InRange(error.RetryAt, midnight - TimeSpan.FromSeconds(5), midnight + TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task BookAsync_WindowPassed_GrantsAgain()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        await using var budget = SharedBudget.Create(db.ConnectionString, o =>
        {
            o.BurstLimit = 5;
            o.BurstWindow = TimeSpan.FromSeconds(1);
        });
        for (var i = 0; i < 5; i++)
        {
            budget.Release((await budget.BookAsync(Resource, CancellationToken.None)).SlotId!.Value);
        }

        var full = (await budget.BookAsync(Resource, CancellationToken.None)).Decision;
        Assert.False(full.Granted);
        Assert.InRange(full.RetryAfter, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));

        await Task.Delay(full.RetryAfter + TimeSpan.FromMilliseconds(20));
        Assert.NotNull((await budget.BookAsync(Resource, CancellationToken.None)).SlotId);
        Assert.Equal(0, budget.FallbackUses);
    }

    [Fact]
    public async Task BookAsync_NewUtcDay_StartsTheDailyCountAfresh()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        await using var budget = SharedBudget.Create(db.ConnectionString, o => o.DailyLimit = 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull((await budget.BookAsync(Resource, CancellationToken.None)).SlotId);
        }

        Assert.True((await budget.BookAsync(Resource, CancellationToken.None)).Decision.DailyExhausted);

        // The database clock cannot be moved: make the stored day yesterday's instead.
        await SharedBudget.ExecuteAsync(db.ConnectionString, "UPDATE ghl.rate_budget SET utc_day = utc_day - 1, day_exhausted = true");

        Assert.NotNull((await budget.BookAsync(Resource, CancellationToken.None)).SlotId);
        Assert.Equal(1, await SharedBudget.QueryAsync<int>(db.ConnectionString, "SELECT day_count FROM ghl.rate_budget"));
    }

    [Fact]
    public async Task BookAsync_EmptyDatabaseEightInstancesAtOnce_CreatesTheSchemaOnce()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        Assert.False(await SharedBudget.QueryAsync<bool>(db.ConnectionString, "SELECT to_regclass('ghl.rate_budget') IS NOT NULL"));
        var budgets = Enumerable.Range(0, 8).Select(_ => SharedBudget.Create(db.ConnectionString, o => o.BurstLimit = 5)).ToList();
        try
        {
            var results = await Task.WhenAll(budgets.Select(budget => Task.Run(() => budget.BookAsync(Resource, CancellationToken.None))));

            Assert.Equal(5, results.Count(r => r.SlotId is not null));
            Assert.All(budgets, budget => Assert.Equal(0, budget.FallbackUses));
            Assert.True(await SharedBudget.QueryAsync<bool>(db.ConnectionString, "SELECT to_regclass('ghl.rate_slots') IS NOT NULL"));
        }
        finally
        {
            foreach (var budget in budgets)
            {
                await budget.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Cleanup_OldSlotsAndIdleResources_AreRemovedLiveOnesKept()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        await using var budget = SharedBudget.Create(db.ConnectionString);
        Assert.NotNull((await budget.BookAsync(Resource, CancellationToken.None)).SlotId);
        await SharedBudget.ExecuteAsync(db.ConnectionString, """
            INSERT INTO ghl.rate_slots (app_id, resource_key, window_ms, in_flight, expires_at)
            VALUES ('65f0a1b2c3d4e5f601234567', 'location:gone', 10000, false, clock_timestamp() - interval '2 minutes');
            INSERT INTO ghl.rate_budget (app_id, resource_key, utc_day, touched_at)
            VALUES ('65f0a1b2c3d4e5f601234567', 'location:idle', current_date - 3, clock_timestamp() - interval '3 days');
            """);

        Assert.Equal(2, await SharedBudget.QueryAsync<int>(db.ConnectionString, "SELECT ghl.rate_cleanup_v1()"));

        Assert.Equal(1L, await SharedBudget.QueryAsync<long>(db.ConnectionString, "SELECT count(*) FROM ghl.rate_slots"));
        Assert.Equal(Resource, await SharedBudget.QueryAsync<string>(db.ConnectionString, "SELECT string_agg(resource_key, ',') FROM ghl.rate_budget"));
    }

    [Fact]
    public async Task AcquireAsync_HolderCrashedWithoutAnswer_SlotIsReclaimedAtItsDeadline()
    {
        await using var db = await TestDatabase.CreateAsync("ghlrate");
        Action<GhlClientOptions> limits = o =>
        {
            o.BurstLimit = 1;
            o.BurstWindow = TimeSpan.FromMilliseconds(200);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
        };
        var crashed = SharedBudget.Create(db.ConnectionString, limits);
        await using var survivor = SharedBudget.Create(db.ConnectionString, limits);
        Assert.NotNull((await survivor.BookAsync("company:warm-up", CancellationToken.None)).SlotId);
        var sinceGrant = Stopwatch.StartNew();
        _ = await crashed.AcquireAsync(Resource, "test", CancellationToken.None);
        crashed.Dispose(); // never answers: its slot is in flight until 2 × 150 ms + 200 ms after the grant

        using var lease = await survivor.AcquireAsync(Resource, "test", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        // Started before the grant, so at least the 500 ms deadline (less a little for two readings of one clock).
        Assert.True(sinceGrant.Elapsed >= TimeSpan.FromMilliseconds(480), $"granted {sinceGrant.Elapsed.TotalMilliseconds:0} ms after the crashed grant");
    }

    [Fact]
    public async Task AcquireAsync_DatabaseUnreachable_PacesInProcess()
    {
        await using var budget = SharedBudget.Create("Host=127.0.0.1;Port=1;Database=none;Username=app;Password=app;Timeout=2", o => o.BurstLimit = 2);

        (await budget.AcquireAsync(Resource, "test", CancellationToken.None)).Dispose();
        (await budget.AcquireAsync(Resource, "test", CancellationToken.None)).Dispose();

        Assert.Equal(1, budget.FallbackUses);
        using var cts = new CancellationTokenSource();
        var third = budget.AcquireAsync(Resource, "test", cts.Token).AsTask();
        await Task.Delay(200);
        Assert.False(third.IsCompleted, "the in-process budget let a third request through a limit of two");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third);
    }

    private static async Task<int> GrantedOf(PostgresGhlRateBudget budget, int attempts)
    {
        var granted = 0;
        for (var i = 0; i < attempts; i++)
        {
            if ((await budget.BookAsync(Resource, CancellationToken.None)).SlotId is not null)
            {
                granted++;
            }
        }

        return granted;
    }

    /// <summary>Every window that starts at a grant holds at most <paramref name="limit"/> grants.</summary>
    private static void AssertAtMostPerWindow(IReadOnlyList<DateTimeOffset> times, int limit, TimeSpan window)
    {
        for (int first = 0, last = 0; first < times.Count; first++)
        {
            while (last < times.Count && times[last] < times[first] + window)
            {
                last++;
            }

            Assert.True(last - first <= limit, $"{last - first} grants in the {window.TotalSeconds} s from {times[first]:HH:mm:ss.fff}; limit {limit}");
        }
    }
}
