using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Maintenance;

/// <summary>What is waiting in the library's tables, read in one query.</summary>
public sealed record MessagingBacklog(
    long OutboxMessages,
    DateTime? OldestUndelivered,
    long ScheduledMessages,
    DateTime? OldestOverdueSchedule)
{
    private const string S = MessagingSchema.Name;

    // Undelivered = a committed bus-outbox transaction not yet relayed, or a consumed message whose outgoing
    // messages were not confirmed yet (it waits for RabbitMQ to redeliver it).
    private static readonly string Sql =
        $"""
        SELECT
          (SELECT count(*) FROM {S}.{MessagingSchema.OutboxMessage}) AS "OutboxMessages",
          LEAST((SELECT min(created) FROM {S}.{MessagingSchema.OutboxState} WHERE delivered IS NULL),
                (SELECT min(consumed) FROM {S}.{MessagingSchema.InboxState} WHERE consumed IS NOT NULL AND delivered IS NULL)) AS "OldestUndelivered",
          (SELECT count(*) FROM {S}.{MessagingSchema.ScheduledMessage}) AS "ScheduledMessages",
          (SELECT min(scheduled_time) FROM {S}.{MessagingSchema.ScheduledMessage} WHERE scheduled_time <= now()) AS "OldestOverdueSchedule"
        """;

    public static async Task<MessagingBacklog> ReadAsync(DbContext db, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<MessagingBacklog>(Sql).ToListAsync(ct)).Single();

    /// <summary>How long the oldest undelivered message has waited (zero when nothing waits).</summary>
    public TimeSpan OldestUndeliveredAge(DateTime now) =>
        OldestUndelivered is { } t ? Max(now - DateTime.SpecifyKind(t, DateTimeKind.Utc)) : TimeSpan.Zero;

    public TimeSpan OldestOverdueAge(DateTime now) =>
        OldestOverdueSchedule is { } t ? Max(now - DateTime.SpecifyKind(t, DateTimeKind.Utc)) : TimeSpan.Zero;

    private static TimeSpan Max(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
