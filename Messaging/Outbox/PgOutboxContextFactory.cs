using System.Data;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Maintenance;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Outbox;

/// <summary>
/// The consumer inbox/outbox on PostgreSQL. Core's outbox filter calls this once per received message and drives
/// the steps (insert inbox row → consume and store outgoing messages → deliver them → clean up) by looping: each
/// step is one transaction on the service's own DbContext, which the consumer and the saga repository share.
/// </summary>
public sealed class PgOutboxContextFactory<TDbContext>(TDbContext db, IServiceProvider provider, MessagingMetrics metrics)
    : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    private static readonly string LockInboxSql =
        $"SELECT * FROM {MessagingSchema.Name}.{MessagingSchema.InboxState} WHERE message_id = {{0}} AND consumer_id = {{1}} FOR UPDATE";

    private static readonly string InsertInboxSql =
        $"INSERT INTO {MessagingSchema.Name}.{MessagingSchema.InboxState} (message_id, consumer_id, lock_id, received, receive_count) " +
        "VALUES ({0}, {1}, {2}, {3}, 0) ON CONFLICT (message_id, consumer_id) DO NOTHING";

    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId()
            ?? throw new MessageException(typeof(T), "The inbox needs a MessageId on every message.");
        var firstStep = true;
        var continueProcessing = true;
        while (continueProcessing)
        {
            continueProcessing = await RunStepAsync(context, options, next, messageId, firstStep);
            firstStep = false;
        }
    }

    public void Probe(ProbeContext context) =>
        context.CreateFilterScope("outboxContextFactory").Add("provider", "postgresql");

    private async Task<bool> RunStepAsync<T>(ConsumeContext<T> context, OutboxConsumeOptions options,
        IPipe<OutboxConsumeContext<T>> next, Guid messageId, bool firstStep)
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
            // then sees Consumed and skips the consumer.
            var inbox = (await db.Set<InboxState>().FromSqlRaw(LockInboxSql, messageId, options.ConsumerId)
                .AsTracking().ToListAsync(ct)).SingleOrDefault();
            if (inbox is null)
            {
                await db.Database.ExecuteSqlRawAsync(InsertInboxSql, [messageId, options.ConsumerId, NewId.NextGuid(), DateTime.UtcNow], ct);
                await transaction.CommitAsync(ct);
                return true;
            }

            inbox.LockId = NewId.NextGuid();
            inbox.ReceiveCount++;
            await db.SaveChangesAsync(ct);
            if (firstStep && inbox.ReceiveCount > 1)
            {
                metrics.RecordRedelivery(options.ConsumerType);
            }

            var outboxContext = new PgOutboxConsumeContext<TDbContext, T>(context, options, provider, db, inbox);
            await next.Send(outboxContext);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return outboxContext.ContinueProcessing;
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
