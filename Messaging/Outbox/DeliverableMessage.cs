using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Outbox;

/// <summary>
/// A stored row in the shape core's <see cref="OutboxMessageSendPipe"/> sends. Our own type, because the headers
/// must be read from the headers column (core's in-memory message type reads them from the properties column).
/// </summary>
internal sealed class DeliverableMessage : OutboxMessageContext
{
    private static readonly IReadOnlyDictionary<string, object> NoProperties =
        new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);

    private readonly StoredMessage _row;
    private readonly Headers _headers;
    private readonly IReadOnlyDictionary<string, object> _properties;

    public DeliverableMessage(StoredMessage row, long sequenceNumber, IObjectDeserializer deserializer)
    {
        _row = row;
        SequenceNumber = sequenceNumber;
        DestinationAddress = ToUri(row.DestinationAddress);
        _headers = string.IsNullOrWhiteSpace(row.Headers)
            ? EmptyHeaders.Instance
            : new DictionarySendHeaders(deserializer.DeserializeObject<Dictionary<string, object?>>(row.Headers) ?? []);
        _properties = string.IsNullOrWhiteSpace(row.Properties)
            ? NoProperties
            : deserializer.DeserializeObject<Dictionary<string, object>>(row.Properties) ?? NoProperties;
    }

    public long SequenceNumber { get; }

    public Guid MessageId => _row.MessageId;

    public string ContentType => _row.ContentType;

    public string MessageType => _row.MessageType;

    public string Body => _row.Body;

    public IReadOnlyDictionary<string, object> Properties => _properties;

    public Uri? DestinationAddress { get; }

    Guid? MessageContext.MessageId => _row.MessageId;

    public Guid? RequestId => _row.RequestId;

    public Guid? CorrelationId => _row.CorrelationId;

    public Guid? ConversationId => _row.ConversationId;

    public Guid? InitiatorId => _row.InitiatorId;

    public DateTime? ExpirationTime => _row.ExpirationTime;

    public Uri? SourceAddress => ToUri(_row.SourceAddress);

    public Uri? ResponseAddress => ToUri(_row.ResponseAddress);

    public Uri? FaultAddress => ToUri(_row.FaultAddress);

    public DateTime? SentTime => DateTime.SpecifyKind(_row.SentTime, DateTimeKind.Utc);

    public Headers Headers => _headers;

    public HostInfo Host => HostMetadataCache.Host;

    private static Uri? ToUri(string? value) => value is null ? null : new Uri(value);
}
