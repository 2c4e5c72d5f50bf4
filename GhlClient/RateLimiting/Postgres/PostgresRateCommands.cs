using Npgsql;
using NpgsqlTypes;

namespace Provisioner.GhlClient.RateLimiting.Postgres;

/// <summary>The calls of the shared budget's functions, as commands that go out together in one batch.</summary>
internal static class PostgresRateCommands
{
    public static NpgsqlBatchCommand Release(IReadOnlyList<(long SlotId, int AgoMs)> releases) => Command(
        "SELECT ghl.rate_release_v1($1, $2)",
        (releases.Select(r => r.SlotId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint),
        (releases.Select(r => r.AgoMs).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer));

    public static NpgsqlBatchCommand Observe(string appId, string resourceKey, GhlRateLimits limits, double margin, PendingObservation observation)
    {
        var headers = observation.Headers;
        return Command(
            "SELECT ghl.rate_observe_v1($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            (appId, NpgsqlDbType.Text),
            (resourceKey, NpgsqlDbType.Text),
            (limits.BurstLimit, NpgsqlDbType.Integer),
            (Milliseconds(limits.BurstWindow), NpgsqlDbType.Integer),
            (margin, NpgsqlDbType.Double),
            (observation.AgoMs, NpgsqlDbType.Integer),
            (headers.Max, NpgsqlDbType.Integer),
            (headers.Remaining, NpgsqlDbType.Integer),
            (headers.Interval is { } interval ? Milliseconds(interval) : null, NpgsqlDbType.Integer),
            (headers.DailyLimit, NpgsqlDbType.Integer),
            (headers.DailyRemaining, NpgsqlDbType.Integer),
            (headers.RetryAfter is { } after ? Milliseconds(after) : null, NpgsqlDbType.Integer),
            (observation.RateLimited, NpgsqlDbType.Boolean));
    }

    public static NpgsqlBatchCommand Acquire(string appId, string resourceKey, GhlRateLimits limits, double margin, TimeSpan inFlightDeadline) => Command(
        "SELECT slot_id, wait_ms, daily_exhausted FROM ghl.rate_acquire_v1($1, $2, $3, $4, $5, $6, $7)",
        (appId, NpgsqlDbType.Text),
        (resourceKey, NpgsqlDbType.Text),
        (limits.BurstLimit, NpgsqlDbType.Integer),
        (Milliseconds(limits.BurstWindow), NpgsqlDbType.Integer),
        (limits.DailyLimit, NpgsqlDbType.Integer),
        (margin, NpgsqlDbType.Double),
        (Milliseconds(inFlightDeadline), NpgsqlDbType.Integer));

    public static NpgsqlBatchCommand Cleanup() => new("SELECT ghl.rate_cleanup_v1()");

    private static int Milliseconds(TimeSpan value) => (int)Math.Clamp(Math.Ceiling(value.TotalMilliseconds), 0, int.MaxValue);

    private static NpgsqlBatchCommand Command(string sql, params (object? Value, NpgsqlDbType Type)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (value, type) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
        }

        return command;
    }
}
