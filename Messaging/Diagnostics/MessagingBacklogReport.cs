using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Diagnostics;

/// <summary>
/// What waits in one service's messaging tables, read in one statement for operators (the Operations page, the
/// backlog health check). Ages are in seconds, measured against the database's clock, and null when nothing waits.
/// </summary>
/// <param name="OutboxMessages">Stored outgoing messages not yet confirmed by the broker (bus and consumer outbox; a
/// row is deleted once confirmed).</param>
/// <param name="OutboxTransactions">Committed bus-outbox transactions the relay has not finished.</param>
/// <param name="InboxAwaitingDelivery">Consumed messages whose outgoing messages are not all confirmed yet.</param>
/// <param name="OldestUndeliveredSeconds">Age of the oldest of those two (the same measure as the <c>messaging</c>
/// health check).</param>
/// <param name="ScheduledDue">Scheduled messages whose time has come but which the scheduler has not sent yet.</param>
/// <param name="ScheduledPending">Scheduled messages still in the future (timeouts, polling, backoff).</param>
/// <param name="OldestDueSeconds">How late the oldest due scheduled message is.</param>
/// <param name="NextScheduledAt">When the next future scheduled message fires.</param>
/// <param name="InboxRows">Inbox rows kept for duplicate detection (delivered ones live for the detection window).</param>
/// <param name="SampledAt">The database's time of the reading.</param>
public sealed record MessagingBacklogReport(
    long OutboxMessages,
    long OutboxTransactions,
    long InboxAwaitingDelivery,
    double? OldestUndeliveredSeconds,
    long ScheduledDue,
    long ScheduledPending,
    double? OldestDueSeconds,
    DateTime? NextScheduledAt,
    long InboxRows,
    DateTime SampledAt)
{
    private const string S = MessagingSchema.Name;

    // One snapshot: every sub-select sees the same now(), so "due" and "pending" never overlap or miss a row.
    // Each count uses an index of the model (delivered, created, scheduled_time) or a table that stays small.
    private static readonly string Sql =
        $"""
        SELECT
          (SELECT count(*) FROM {S}.{MessagingSchema.OutboxMessage}) AS "OutboxMessages",
          (SELECT count(*) FROM {S}.{MessagingSchema.OutboxState} WHERE delivered IS NULL) AS "OutboxTransactions",
          (SELECT count(*) FROM {S}.{MessagingSchema.InboxState} WHERE consumed IS NOT NULL AND delivered IS NULL) AS "InboxAwaitingDelivery",
          extract(epoch FROM now() - LEAST(
            (SELECT min(created) FROM {S}.{MessagingSchema.OutboxState} WHERE delivered IS NULL),
            (SELECT min(consumed) FROM {S}.{MessagingSchema.InboxState} WHERE consumed IS NOT NULL AND delivered IS NULL)))::float8
            AS "OldestUndeliveredSeconds",
          (SELECT count(*) FROM {S}.{MessagingSchema.ScheduledMessage} WHERE scheduled_time <= now()) AS "ScheduledDue",
          (SELECT count(*) FROM {S}.{MessagingSchema.ScheduledMessage} WHERE scheduled_time > now()) AS "ScheduledPending",
          extract(epoch FROM now() - (SELECT min(scheduled_time) FROM {S}.{MessagingSchema.ScheduledMessage} WHERE scheduled_time <= now()))::float8
            AS "OldestDueSeconds",
          (SELECT min(scheduled_time) FROM {S}.{MessagingSchema.ScheduledMessage} WHERE scheduled_time > now()) AS "NextScheduledAt",
          (SELECT count(*) FROM {S}.{MessagingSchema.InboxState}) AS "InboxRows",
          now() AS "SampledAt"
        """;

    /// <summary>Reads the backlog of <paramref name="db"/>'s database (its model must call <c>AddMessagingTables()</c>).</summary>
    public static async Task<MessagingBacklogReport> ReadAsync(DbContext db, CancellationToken cancellationToken)
    {
        var report = (await db.Database.SqlQueryRaw<MessagingBacklogReport>(Sql).ToListAsync(cancellationToken)).Single();

        // A row written by a host whose clock runs ahead of the database's would show a negative age: it is not late.
        return report with
        {
            OldestUndeliveredSeconds = NotNegative(report.OldestUndeliveredSeconds),
            OldestDueSeconds = NotNegative(report.OldestDueSeconds),
        };
    }

    private static double? NotNegative(double? seconds) => seconds is { } value ? Math.Max(0, value) : null;
}
