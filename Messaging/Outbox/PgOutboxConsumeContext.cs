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
    InboxState inbox)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TDbContext : DbContext
    where TMessage : class
{
    // A consumer may publish from several tasks at once and a DbContext is not thread-safe: sends are buffered and
    // written in one go by SetConsumed, in the order they were made.
    private readonly List<OutboxMessage> _pending = [];

    public override Guid? MessageId => inbox.MessageId;

    public override bool ContinueProcessing { get; set; } = true;

    public override bool IsMessageConsumed => inbox.Consumed.HasValue;

    public override bool IsOutboxDelivered => inbox.Delivered.HasValue;

    public override int ReceiveCount => inbox.ReceiveCount;

    public override long? LastSequenceNumber => inbox.LastSequenceNumber;

    public override async Task SetConsumed()
    {
        lock (_pending)
        {
            foreach (var row in _pending)
            {
                row.InboxMessageId = inbox.MessageId;
                row.InboxConsumerId = inbox.ConsumerId;
                db.Add(row);
            }

            _pending.Clear();
        }

        inbox.Consumed = DateTime.UtcNow;
        await db.SaveChangesAsync(CancellationToken);
    }

    public override async Task SetDelivered()
    {
        inbox.Delivered = DateTime.UtcNow;
        await db.SaveChangesAsync(CancellationToken);
    }

    public override async Task<List<OutboxMessageContext>> LoadOutboxMessages()
    {
        var last = LastSequenceNumber ?? 0;
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

    public override async Task RemoveOutboxMessages() =>
        await db.Set<OutboxMessage>()
            .Where(x => x.InboxMessageId == inbox.MessageId && x.InboxConsumerId == inbox.ConsumerId)
            .ExecuteDeleteAsync(CancellationToken);

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
