using MassTransit;
using MassTransit.Context;
using Provisioner.Messaging.Schema;
using Provisioner.ServiceDefaults.Correlation;

namespace Provisioner.Messaging.Outbox;

/// <summary>Converts between a MassTransit send and the stored row, both ways.</summary>
internal static class StoredMessages
{
    public static OutboxMessage FromSendContext<T>(SendContext<T> context, IObjectDeserializer serializer) where T : class
    {
        var messageId = context.MessageId ?? throw new MessageException(typeof(T), "The outbox needs a MessageId on every message.");
        var now = DateTime.UtcNow;

        // The outbox captures the message before the bus's send filters would run on delivery, so the correlation id
        // of the code that published it is stamped here.
        if (CorrelationId.Current is { } correlationId && !context.Headers.TryGetHeader(CorrelationId.HeaderName, out _))
        {
            context.Headers.Set(CorrelationId.HeaderName, correlationId);
        }

        var row = new OutboxMessage
        {
            MessageId = messageId,
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress?.ToString(),
            DestinationAddress = context.DestinationAddress?.ToString(),
            ResponseAddress = context.ResponseAddress?.ToString(),
            FaultAddress = context.FaultAddress?.ToString(),
            SentTime = context.SentTime ?? now,
            ContentType = context.ContentType?.ToString() ?? context.Serialization.DefaultContentType.ToString(),
            MessageType = string.Join(";", context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null,
            EnqueueTime = context.Delay is { } delay ? now + delay : null,
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
        };

        if (context is TransportSendContext<T> transport)
        {
            var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transport.WritePropertiesTo(properties);
            row.Properties = serializer.SerializeDictionary(properties);
        }

        return row;
    }
}
