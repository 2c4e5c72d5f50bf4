namespace Provisioner.Messaging.Schema;

/// <summary>
/// A serialized message as MassTransit would put it on the wire, kept in PostgreSQL until it may be sent: the
/// columns of the outbox and of the scheduler.
/// </summary>
public abstract class StoredMessage
{
    public Guid MessageId { get; set; }

    public string ContentType { get; set; } = "";

    public string MessageType { get; set; } = "";

    public string Body { get; set; } = "";

    public Guid? ConversationId { get; set; }

    public Guid? CorrelationId { get; set; }

    public Guid? InitiatorId { get; set; }

    public Guid? RequestId { get; set; }

    public string? SourceAddress { get; set; }

    public string? DestinationAddress { get; set; }

    public string? ResponseAddress { get; set; }

    public string? FaultAddress { get; set; }

    public DateTime SentTime { get; set; }

    public DateTime? ExpirationTime { get; set; }

    /// <summary>MassTransit headers, JSON.</summary>
    public string? Headers { get; set; }

    /// <summary>Transport properties (routing key and the like), JSON.</summary>
    public string? Properties { get; set; }
}
