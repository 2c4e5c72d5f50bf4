using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// The highest <c>job_events</c> id below which nothing more will commit: every lower id is visible or known never to
/// become so. Identity values are handed out when a row is inserted, not when it commits, so a transaction holding id 9
/// can commit after id 10 was read; a stream reading past 9 would never see it. The watermark follows the ids in order
/// and stops at a gap until the gap is filled, or until every transaction that was open when the gap had settled has
/// ended (then the id was rolled back), or <see cref="JobStreamOptions.MaxGapWait"/> passed.
/// </summary>
public sealed class JobEventWatermark(
    IServiceScopeFactory scopes,
    JobEventNotifications notifications,
    IOptions<JobStreamOptions> options,
    TimeProvider clock,
    ILogger<JobEventWatermark> logger)
    : BackgroundService
{
    // Woken by every committed insert (any job), so the agency streams see it within a query, not a poll.
    private readonly WakeSignal committed = new();
    private const int ScanSize = 1000;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long value;
    private Gap? gap;

    /// <summary>The current watermark; 0 until <see cref="ReadyAsync"/> completed.</summary>
    public long Value => Interlocked.Read(ref value);

    /// <summary>Completes with the watermark once its starting point is known (the highest id at start-up).</summary>
    public async Task<long> ReadyAsync(CancellationToken cancellationToken)
    {
        await ready.Task.WaitAsync(cancellationToken);
        return Value;
    }

    /// <summary>Completes when the watermark passes <paramref name="seen"/>, or after <paramref name="timeout"/>.</summary>
    public async Task WaitBeyondAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = Volatile.Read(ref advanced).Task;
        if (Value > seen)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(signal, Task.Delay(timeout, clock, stop.Token));
        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = notifications.Subscribe(_ => committed.Pulse());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ProvisioningDbContext>();
                if (!ready.Task.IsCompleted)
                {
                    // Events committed before start-up are history; a transaction open at this very moment with a lower
                    // id is the one case a live stream can miss (it still shows in the job's own stream).
                    Interlocked.Exchange(ref value, await db.Database
                        .SqlQuery<long>($"""SELECT COALESCE(max(id), 0) AS "Value" FROM job_events""")
                        .SingleAsync(stoppingToken));
                    ready.TrySetResult();
                }
                else
                {
                    await AdvanceAsync(db, stoppingToken);
                }
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(error, "The job event watermark could not advance; trying again");
            }

            try
            {
                await committed.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task AdvanceAsync(ProvisioningDbContext db, CancellationToken cancellationToken)
    {
        var start = Value;
        var mark = start;
        while (true)
        {
            var from = mark;
            var ids = await db.JobEvents.AsNoTracking().Where(e => e.Id > from).OrderBy(e => e.Id).Select(e => e.Id)
                .Take(ScanSize).ToListAsync(cancellationToken);
            var blocked = false;
            foreach (var id in ids)
            {
                if (id != mark + 1 && !await GapClosedAsync(db, mark + 1, id, cancellationToken))
                {
                    blocked = true;
                    break;
                }

                mark = id;
            }

            if (blocked || ids.Count < ScanSize)
            {
                break;
            }
        }

        if (mark > start)
        {
            Interlocked.Exchange(ref value, mark);
            Interlocked.Exchange(ref advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>
    /// Whether the ids from <paramref name="first"/> up to just below <paramref name="next"/> can be skipped. A gap is
    /// first given <see cref="JobStreamOptions.GapSettle"/> (an inserting transaction has its id by then), then the
    /// open writing transactions on this database are noted; once none of those is open any more the gap is skipped on
    /// the next scan, which reads after they ended and so would have seen the rows had they committed.
    /// </summary>
    private async Task<bool> GapClosedAsync(ProvisioningDbContext db, long first, long next, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (gap is null || gap.First != first)
        {
            gap = new Gap(first, now);
            return false;
        }

        var age = now - gap.Since;
        if (gap.Closed || age >= options.Value.MaxGapWait)
        {
            if (!gap.Closed)
            {
                logger.LogWarning(
                    "Job event ids {First} to {Last} stayed missing for {Seconds:0} s behind an open transaction; live agency streams skip them",
                    first, next - 1, age.TotalSeconds);
            }

            gap = null;
            return true;
        }

        if (age < options.Value.GapSettle)
        {
            return false;
        }

        // Transactions with an id (a write) on this database only: the server may be shared with other services, whose
        // long transactions cannot hold one of our ids. The writers use this service's role, whose sessions it may see.
        var open = await db.Database
            .SqlQuery<long>($"""
                SELECT backend_xid::text::bigint AS "Value" FROM pg_stat_activity
                WHERE datname = current_database() AND backend_xid IS NOT NULL
                """)
            .ToListAsync(cancellationToken);
        if (gap.OpenTransactions is null)
        {
            gap.OpenTransactions = [.. open];
        }
        else if (!open.Any(gap.OpenTransactions.Contains))
        {
            gap.Closed = true;
        }

        return false;
    }

    private sealed class Gap(long first, DateTimeOffset since)
    {
        public long First { get; } = first;

        public DateTimeOffset Since { get; } = since;

        public HashSet<long>? OpenTransactions { get; set; }

        public bool Closed { get; set; }
    }
}
