using Microsoft.Extensions.Logging;
using Npgsql;
using Provisioner.GhlClient.RateLimiting.Postgres;

namespace Provisioner.GhlClient.RateLimiting;

/// <summary>The database side of the shared budget: batches, deferred writes, schema, clean-up, availability.</summary>
public sealed partial class PostgresGhlRateBudget
{
    /// <summary>
    /// Runs the commands as one batch (one round trip), released slots first so that the booking after them sees them.
    /// Returns the last command's row when it is a booking.
    /// </summary>
    private async Task<(long? SlotId, int WaitMs, bool DailyExhausted)> RunAsync(List<NpgsqlBatchCommand> commands, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        var releases = TakeReleases();
        if (releases.Count > 0)
        {
            commands.Insert(0, PostgresRateCommands.Release(releases));
        }

        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            // Error barriers: each command commits on its own (still one round trip, pipelined), so a batch never holds
            // one row's lock while it waits for another's, and a failed release cannot undo the booking after it.
            await using var batch = new NpgsqlBatch(connection) { Timeout = (int)CommandTimeout.TotalSeconds, EnableErrorBarriers = true };
            commands.ForEach(batch.BatchCommands.Add);
            Interlocked.Increment(ref _roundTrips);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            for (var i = 1; i < commands.Count; i++)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            var result = (SlotId: (long?)null, WaitMs: 0, DailyExhausted: false);
            if (reader.FieldCount == 3 && await reader.ReadAsync(cancellationToken))
            {
                result = (reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt32(1), reader.GetBoolean(2));
            }

            CleanUpIfDue();
            return result;
        }
        catch (NpgsqlException)
        {
            // Those slots now free at their in-flight deadline instead: later than needed, never too early.
            LogReleasesLost(releases.Count);
            throw;
        }
    }

    private List<(long SlotId, int AgoMs)> TakeReleases()
    {
        var releases = new List<(long SlotId, int AgoMs)>();
        while (_releases.TryDequeue(out var release))
        {
            // Floored: the database puts the answer no earlier than it was, so the slot never frees early.
            releases.Add((release.SlotId, (int)Math.Floor(_time.GetElapsedTime(release.AnsweredAt).TotalMilliseconds)));
        }

        return releases;
    }

    private PendingObservation Pending(Observation observation) =>
        new(observation.Headers, observation.RateLimited, (int)Math.Floor(_time.GetElapsedTime(observation.At).TotalMilliseconds));

    private void ScheduleFlush()
    {
        if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
        {
            _ = FlushLaterAsync();
        }
    }

    private async Task FlushLaterAsync()
    {
        try
        {
            await Task.Delay(ReleaseFlushDelay, _time, _disposing.Token);
            Volatile.Write(ref _flushScheduled, 0);
            await FlushAsync(_disposing.Token);
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            // Disposing: DisposeAsync flushes what is left.
        }
        catch (NpgsqlException e)
        {
            MarkUnavailable(e);
        }
        catch (ObjectDisposedException)
        {
            // Disposed synchronously while the flush waited: those slots free at their deadline.
        }
    }

    private void CleanUpIfDue()
    {
        var now = _time.GetTimestamp();
        var due = Interlocked.Read(ref _nextCleanup);
        if (now < due || Interlocked.CompareExchange(ref _nextCleanup, now + (long)(CleanupInterval.TotalSeconds * _time.TimestampFrequency), due) != due)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(_disposing.Token);
                await using var batch = new NpgsqlBatch(connection) { BatchCommands = { PostgresRateCommands.Cleanup() } };
                var removed = await batch.ExecuteScalarAsync(_disposing.Token);
                LogCleanedUp(removed is int count ? count : 0);
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or ObjectDisposedException)
            {
                // Next time: old rows cost space only, never correctness.
                LogCleanupFailed(e.GetType().Name);
            }
        });
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await PostgresRateBudgetSchema.EnsureCreatedAsync(_dataSource, cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>For the health check: null when the database answers, else the kind of failure (no message text).</summary>
    internal async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection) { CommandTimeout = (int)CommandTimeout.TotalSeconds };
            await command.ExecuteScalarAsync(cancellationToken);
            return IsAvailable() ? null : "recently unreachable";
        }
        catch (NpgsqlException e)
        {
            return e is PostgresException postgres ? $"SQL state {postgres.SqlState}" : e.GetType().Name;
        }
    }

    private bool IsAvailable() => _time.GetTimestamp() >= Interlocked.Read(ref _unavailableUntil);

    private void MarkUnavailable(NpgsqlException e)
    {
        Interlocked.Increment(ref _fallbackUses);
        Interlocked.Exchange(ref _unavailableUntil, _time.GetTimestamp() + (long)(UnavailableRetry.TotalSeconds * _time.TimestampFrequency));

        // Type and SQL state only: Npgsql's messages can quote the host and user of the connection string.
        LogUnavailable(e.GetType().Name, (e as PostgresException)?.SqlState ?? "-", UnavailableRetry.TotalSeconds);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "GHL rate budget database unavailable ({Error}, SQL state {SqlState}); this instance paces on its own for {Seconds} s")]
    private partial void LogUnavailable(string error, string sqlState, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "GHL rate budget: {Count} released slots not written; they free at their deadline")]
    private partial void LogReleasesLost(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "GHL rate budget: final flush failed ({Error}); those slots free at their deadline")]
    private partial void LogFlushFailed(string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "GHL rate budget cleanup removed {Count} old rows")]
    private partial void LogCleanedUp(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "GHL rate budget cleanup failed ({Error}); retried later")]
    private partial void LogCleanupFailed(string error);
}
