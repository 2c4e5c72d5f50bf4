using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Outbox;

/// <summary>
/// What a consumer sees while the outbox is on: its Publish/Send calls are captured and stored with its own
/// database changes, in the transaction <see cref="PgOutboxContextFactory{TDbContext}"/> opened.
/// </summary>
internal sealed class PgOutboxConsumeContext<TDbContext, TMessage>(
    ConsumeContext<TMessage> context,
    OutboxConsumeOptions options,
    IServiceProvider provider,
    TDbContext db,
    InboxState inbox,
    IReadOnlyList<OutboxMessage>? stored)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TDbContext : DbContext
    where TMessage : class
{
    // A consumer may publish from several tasks at once and a DbContext is not thread-safe: sends are buffered and
    // written in one go by SetConsumed, in the order they were made.
    private readonly List<OutboxMessage> _pending = [];

    /// <summary>
    /// The outgoing messages <see cref="SetConsumed"/> stored (with their sequence numbers), or those a previous step of
    /// this delivery stored: the delivery step sends these instead of reading them back. They are exactly the inbox row's
    /// rows: the row is locked again, and rows are only deleted together with setting Delivered, which the pipe checks.
    /// </summary>
    public IReadOnlyList<OutboxMessage>? Stored { get; private set; } = stored;

    public override Guid? MessageId => inbox.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => inbox.Consumed.HasValue;

    public override bool IsOutboxDelivered => inbox.Delivered.HasValue;

    public override int ReceiveCount => inbox.ReceiveCount;

    public override long? LastSequenceNumber => inbox.LastSequenceNumber;

    public override async Task SetConsumed()
    {
        List<OutboxMessage> rows;
        lock (_pending)
        {
            rows = [.. _pending];
            _pending.Clear();
        }

        foreach (var row in rows)
        {
            row.InboxMessageId = inbox.MessageId;
            row.InboxConsumerId = inbox.ConsumerId;
            db.Add(row);
        }

        inbox.Consumed = DateTime.UtcNow;

        // Nothing to send: delivered as well, in this transaction, and the delivery step is skipped.
        if (rows.Count == 0)
        {
            inbox.Delivered = inbox.Consumed;
        }

        await db.SaveChangesAsync(CancellationToken);
        Stored = rows;
    }

    // Saved by the step's own SaveChanges, with the last sequence number, after RemoveOutboxMessages: one statement less.
    public override Task SetDelivered()
    {
        inbox.Delivered = DateTime.UtcNow;
        return Task.CompletedTask;
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var last = LastSequenceNumber ?? 0;
        if (Stored is { } stored)
        {
            return stored.Where(x => x.SequenceNumber > last).OrderBy(x => x.SequenceNumber).Take(Options.MessageDeliveryLimit + 1)
                .Select(OutboxMessageContext (r) => new DeliverableMessage(r, r.SequenceNumber, SerializerContext)).ToList();
        }

        var rows = await db.Set<OutboxMessage>()
            .Where(x => x.InboxMessageId == inbox.MessageId && x.InboxConsumerId == inbox.ConsumerId && x.SequenceNumber > last)
            .OrderBy(x => x.SequenceNumber)
            .Take(Options.MessageDeliveryLimit + 1)
            .AsNoTracking()
            .ToListAsync(CancellationToken);
        return rows.Select(OutboxMessageContext (r) => new DeliverableMessage(r, r.SequenceNumber, SerializerContext)).ToList();
    }

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message)
    {
        inbox.LastSequenceNumber = message.SequenceNumber;
        return Task.CompletedTask;
    }

    public override async Task RemoveOutboxMessages()
    {
        if (Stored is { Count: 0 })
        {
            return;
        }

        await db.Set<OutboxMessage>()
            .Where(x => x.InboxMessageId == inbox.MessageId && x.InboxConsumerId == inbox.ConsumerId)
            .ExecuteDeleteAsync(CancellationToken);
        Stored = [];
    }

    public override Task AddSend<T>(SendContext<T> context)
    {
        var row = StoredMessages.FromSendContext(context, SerializerContext);
        lock (_pending)
        {
            _pending.Add(row);
        }

        return Task.CompletedTask;
    }
}
