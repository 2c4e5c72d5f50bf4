using System.Data;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Maintenance;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Outbox;

/// <summary>
/// The consumer inbox/outbox on PostgreSQL. Core's outbox filter calls this once per received message and drives
/// the steps by looping, each one transaction on the service's own DbContext, which the consumer and the saga
/// repository share: (1) claim the inbox row (insert, or lock an existing one), consume, store the outgoing messages and
/// mark the row consumed; (2) claim the row again, deliver the messages (from memory after step 1), mark it delivered,
/// delete them and let core's pipe finish. Two transactions per message, one when nothing is sent (core's own loop, as
/// MassTransit's EF outbox runs it, takes four: inbox insert, consume, deliver, remove).
/// </summary>
public sealed class PgOutboxContextFactory<TDbContext>(TDbContext db, IServiceProvider provider, MessagingMetrics metrics)
    : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    // Insert the inbox row, or lock the existing one and count the delivery, in one statement: the first delivery of a
    // message consumes in the transaction that creates its row (no separate insert-and-commit first). A second delivery
    // of the same message waits on the unique key until the first commits, then locks the row and sees Consumed.
    private static readonly string ClaimInboxSql =
        $"INSERT INTO {MessagingSchema.Name}.{MessagingSchema.InboxState} AS i (message_id, consumer_id, lock_id, received, receive_count) " +
        "VALUES ({0}, {1}, {2}, {3}, 1) ON CONFLICT (message_id, consumer_id) " +
        "DO UPDATE SET lock_id = EXCLUDED.lock_id, receive_count = i.receive_count + 1 RETURNING i.*";

    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "The inbox needs a MessageId on every message.");
        var firstStep = true;
        var continueProcessing = true;
        IReadOnlyList<OutboxMessage>? stored = null;
        while (continueProcessing)
        {
            (continueProcessing, stored) = await RunStepAsync(context, options, next, messageId, firstStep, stored);
            firstStep = false;
        }
    }

    public void Probe(ProbeContext context) =>
        context.CreateFilterScope("outboxContextFactory").Add("provider", "postgresql");

    /// <summary>
    /// One transaction: claim the inbox row, then let core's pipe consume (storing the outgoing messages) or deliver.
    /// <paramref name="stored"/> are the messages the previous step stored: delivered from memory, not read back.
    /// </summary>
    private async Task<(bool Continue, IReadOnlyList<OutboxMessage>? Stored)> RunStepAsync<T>(ConsumeContext<T> context,
        OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next, Guid messageId, bool firstStep, IReadOnlyList<OutboxMessage>? stored)
        where T : class
    {
        var ct = context.CancellationToken;

        // EF returns an already tracked entity instead of the row just read, so a step would see the inbox as it
        // was before another delivery of the same message changed it. Each step starts from the database.
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        try
        {
            // The row lock serialises two deliveries of the same message to the same consumer: the second waits,
            // then sees Consumed and skips the consumer (and Delivered, and skips the delivery).
            var inbox = (await db.Set<InboxState>()
                .FromSqlRaw(ClaimInboxSql, messageId, options.ConsumerId, NewId.NextGuid(), DateTime.UtcNow)
                .AsTracking().ToListAsync(ct)).Single();
            if (firstStep && inbox.ReceiveCount > 1)
            {
                metrics.RecordRedelivery(options.ConsumerType);
            }

            var outboxContext = new PgOutboxConsumeContext<TDbContext, T>(context, options, provider, db, inbox, stored);
            await next.Send(outboxContext);

            // Core's pipe finishes in a step of its own once the row is delivered (remove the stored messages, notify
            // the consume, stop). It runs here, in this transaction, when this step set Delivered: after the delivery,
            // and after a consume that sent nothing (SetConsumed marks that delivered at once).
            if (outboxContext.ContinueProcessing && inbox.Delivered is not null)
            {
                await next.Send(outboxContext);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (outboxContext.ContinueProcessing, outboxContext.Stored);
        }
        catch
        {
            // Entities the failed attempt added must not be saved by whatever reuses this DbContext next.
            db.ChangeTracker.Clear();
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
    }
}
