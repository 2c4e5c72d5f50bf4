using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Schema;
using ScheduledMessage = Provisioner.Messaging.Schema.ScheduledMessage;

namespace Provisioner.Messaging.Scheduler;

/// <summary>
/// The service's scheduler endpoint: MassTransit's Schedule/Unschedule commands become rows in
/// <c>messaging.scheduled_message</c>, which <see cref="SchedulerDeliveryService{TDbContext}"/> sends when due.
/// Both operations are idempotent (upsert and delete by token), so the endpoint needs no inbox.
/// </summary>
public sealed class PgScheduleMessageConsumer<TDbContext>(TDbContext db)
    : IConsumer<ScheduleMessage>, IConsumer<CancelScheduledMessage>
    where TDbContext : DbContext
{
    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var command = context.Message;

        // The payload is re-enveloped the way MassTransit's own schedulers do it, so the receiver sees the sender's ids.
        var body = context.SerializerContext.GetMessageSerializer(command.Payload, command.PayloadType)
            .GetMessageBody(new MessageSendContext<ScheduleMessage>(command)).GetString();
        var headers = context.Headers.GetAll().ToDictionary(h => h.Key, h => h.Value);

        // A state machine drops a timeout whose token is not the one it holds: this is how a stale schedule is ignored.
        headers[MessageHeaders.SchedulingTokenId] = command.CorrelationId.ToString("D");

        var tokenId = command.CorrelationId;
        var existing = await db.Set<ScheduledMessage>().FindAsync([tokenId], context.CancellationToken);
        var row = existing ?? new ScheduledMessage { TokenId = tokenId };
        row.ScheduledTime = DateTime.SpecifyKind(command.ScheduledTime, DateTimeKind.Utc).ToUniversalTime();
        row.MessageId = context.MessageId ?? NewId.NextGuid();
        row.ContentType = context.ReceiveContext.ContentType?.ToString() ?? "application/vnd.masstransit+json";
        row.MessageType = string.Join(";", command.PayloadType);
        row.Body = body;
        row.ConversationId = context.ConversationId;
        row.CorrelationId = context.CorrelationId;
        row.InitiatorId = context.InitiatorId;
        row.RequestId = context.RequestId;
        row.SourceAddress = context.SourceAddress?.ToString();
        row.DestinationAddress = command.Destination.ToString();
        row.ResponseAddress = context.ResponseAddress?.ToString();
        row.FaultAddress = context.FaultAddress?.ToString();
        row.SentTime = DateTime.UtcNow;
        row.ExpirationTime = context.ExpirationTime;
        row.Headers = context.SerializerContext.SerializeDictionary(headers);
        if (existing is null)
        {
            db.Add(row);
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<CancelScheduledMessage> context) =>
        await db.Set<ScheduledMessage>()
            .Where(x => x.TokenId == context.Message.TokenId)
            .ExecuteDeleteAsync(context.CancellationToken);
}
