using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Provisioner.GhlClient.RateLimiting.Postgres;

namespace Provisioner.GhlClient.RateLimiting;

/// <summary>
/// The budget of <see cref="InProcessGhlRateBudget"/>, kept in PostgreSQL so that every instance of every service using
/// the same GHL app shares it (README "Pacing"). A booking is one batch, one round trip: answers that came in since the
/// last call (releases) and headers that did not need writing at once ride along with it. Within this process waiters
/// of a resource queue FIFO, so only the head of the queue asks the database. If the database cannot be reached, this
/// instance paces with an in-process budget until it can (availability over a perfect shared count; a 429 is still
/// waited out).
/// </summary>
public sealed partial class PostgresGhlRateBudget : IGhlRateBudget, IAsyncDisposable, IDisposable
{
    /// <summary>How long answers may wait for a booking to carry them before they are written on their own.</summary>
    internal static readonly TimeSpan ReleaseFlushDelay = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan UnavailableRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);

    private readonly NpgsqlDataSource _dataSource;
    private readonly GhlClientOptions _options;
    private readonly GhlRateLimits _limits;
    private readonly TimeSpan _inFlightDeadline;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresGhlRateBudget> _logger;
    private readonly InProcessGhlRateBudget _fallback;
    private readonly ConcurrentDictionary<string, Resource> _resources = new();
    private readonly ConcurrentQueue<(long SlotId, long AnsweredAt)> _releases = new();
    private readonly CancellationTokenSource _disposing = new();
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;
    private int _flushScheduled;
    private long _unavailableUntil;
    private long _nextCleanup;
    private long _roundTrips;
    private int _fallbackUses;
    private int _disposed;

    public PostgresGhlRateBudget(IOptions<GhlClientOptions> options, TimeProvider timeProvider, ILogger<PostgresGhlRateBudget> logger)
    {
        _options = options.Value;
        _limits = GhlRateLimits.From(_options);

        // A slot whose answer never comes back (its instance crashed) is reclaimed after two attempt timeouts and a window.
        _inFlightDeadline = (2 * _options.AttemptTimeout) + _limits.BurstWindow;
        _time = timeProvider;
        _logger = logger;
        _fallback = new InProcessGhlRateBudget(options, timeProvider);

        // A booking lost in a database crash costs at most one window of pacing: no need to wait for the WAL flush.
        var connection = new NpgsqlConnectionStringBuilder(_options.RateBudgetConnectionString);
        connection.Options = string.Join(' ', new[] { connection.Options, "-c synchronous_commit=off" }.Where(o => !string.IsNullOrWhiteSpace(o)));
        connection.ApplicationName ??= "Provisioner.GhlClient.RateBudget";
        _dataSource = NpgsqlDataSource.Create(connection);
    }

    /// <summary>Database round trips made so far (bookings, urgent observations, release flushes).</summary>
    internal long RoundTrips => Interlocked.Read(ref _roundTrips);

    /// <summary>How often the database was found unavailable (tests assert that the shared path really ran).</summary>
    internal int FallbackUses => Volatile.Read(ref _fallbackUses);

    public async ValueTask<GhlRateLease> AcquireAsync(string resourceKey, string operation, CancellationToken cancellationToken)
    {
        if (!IsAvailable())
        {
            return await _fallback.AcquireAsync(resourceKey, operation, cancellationToken);
        }

        var resource = _resources.GetOrAdd(resourceKey, _ => new Resource());
        var started = _time.GetTimestamp();
        await resource.Queue.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var (decision, slotId) = await BookAsync(resourceKey, resource, cancellationToken);
                if (slotId is { } id)
                {
                    return new GhlRateLease(_time.GetElapsedTime(started), () => Release(id));
                }

                if (decision.DailyExhausted)
                {
                    throw new GhlRateLimitExceededException(operation, resourceKey, _time.GetUtcNow() + decision.RetryAfter);
                }

                await Task.Delay(decision.RetryAfter, _time, cancellationToken);
            }
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            MarkUnavailable(e);
        }
        finally
        {
            resource.Queue.Release();
        }

        return await _fallback.AcquireAsync(resourceKey, operation, cancellationToken);
    }

    public async ValueTask ObserveAsync(string resourceKey, GhlRateLimitHeaders headers, bool rateLimited, CancellationToken cancellationToken)
    {
        // The in-process budget always learns too: it is what paces this instance while the database is away.
        await _fallback.ObserveAsync(resourceKey, headers, rateLimited, cancellationToken);
        if (!IsAvailable())
        {
            return;
        }

        var resource = _resources.GetOrAdd(resourceKey, _ => new Resource());
        var observation = new Observation(headers, rateLimited, _time.GetTimestamp());

        // A 429, an empty window or a spent day must stop the other instances now; anything else (GHL's counts, a
        // smaller announced limit) is folded in by the next booking of this resource, in the same round trip.
        if (!rateLimited && headers.Remaining != 0 && !(headers.DailyRemaining <= 0))
        {
            resource.SetPending(observation);
            ScheduleFlush();
            return;
        }

        try
        {
            await RunAsync([PostgresRateCommands.Observe(_options.AppId, resourceKey, _limits, _options.SafetyMargin, Pending(observation))], cancellationToken);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            MarkUnavailable(e);
        }
    }

    /// <summary>Writes what is pending (answers, headers), then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync();
        try
        {
            await FlushAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            LogFlushFailed(e.GetType().Name);
        }

        await _dataSource.DisposeAsync();
    }

    /// <summary>A synchronous dispose (a host disposed with Dispose()) skips the flush: those slots free at their deadline.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _disposing.Cancel();
            _dataSource.Dispose();
        }
    }

    /// <summary>
    /// One booking attempt, no waiting: a slot id, or how long to wait (or that the day is spent). Tests call it
    /// directly to see every decision.
    /// </summary>
    internal async Task<(GhlRateDecision Decision, long? SlotId)> BookAsync(string resourceKey, CancellationToken cancellationToken) =>
        await BookAsync(resourceKey, _resources.GetOrAdd(resourceKey, _ => new Resource()), cancellationToken);

    /// <summary>The answer to a booked request is in: its slot starts its last window now.</summary>
    internal void Release(long slotId)
    {
        _releases.Enqueue((slotId, _time.GetTimestamp()));
        ScheduleFlush();
    }

    /// <summary>Writes pending releases and observations now (otherwise done by the next booking or a timer).</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        // In key order, so that two instances' flushes meet their rows in the same order whatever the batch mode.
        var commands = new List<NpgsqlBatchCommand>();
        foreach (var (resourceKey, resource) in _resources.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (resource.TakePending() is { } observation)
            {
                commands.Add(PostgresRateCommands.Observe(_options.AppId, resourceKey, _limits, _options.SafetyMargin, Pending(observation)));
            }
        }

        if (commands.Count > 0 || !_releases.IsEmpty)
        {
            await RunAsync(commands, cancellationToken);
        }
    }

    private async Task<(GhlRateDecision Decision, long? SlotId)> BookAsync(string resourceKey, Resource resource, CancellationToken cancellationToken)
    {
        var commands = new List<NpgsqlBatchCommand>();
        if (resource.TakePending() is { } observation)
        {
            commands.Add(PostgresRateCommands.Observe(_options.AppId, resourceKey, _limits, _options.SafetyMargin, Pending(observation)));
        }

        commands.Add(PostgresRateCommands.Acquire(_options.AppId, resourceKey, _limits, _options.SafetyMargin, _inFlightDeadline));
        var (slotId, waitMs, dailyExhausted) = await RunAsync(commands, cancellationToken);
        var decision = slotId is not null ? GhlRateDecision.Grant
            : dailyExhausted ? GhlRateDecision.Exhausted(TimeSpan.FromMilliseconds(waitMs))
            : GhlRateDecision.Wait(TimeSpan.FromMilliseconds(waitMs));
        return (decision, slotId);
    }

    private sealed record Observation(GhlRateLimitHeaders Headers, bool RateLimited, long At);

    private sealed class Resource
    {
        private Observation? _pending;

        public SemaphoreSlim Queue { get; } = new(1, 1);

        /// <summary>Only the latest headers matter: GHL's counts in them supersede earlier ones.</summary>
        public void SetPending(Observation observation) => Volatile.Write(ref _pending, observation);

        public Observation? TakePending() => Interlocked.Exchange(ref _pending, null);
    }
}
