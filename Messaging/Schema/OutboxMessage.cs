namespace Provisioner.Messaging.Schema;

/// <summary>
/// A message waiting for the broker. It belongs either to a bus-outbox transaction (<see cref="OutboxId"/>) or to
/// a consumed message (<see cref="InboxMessageId"/> + <see cref="InboxConsumerId"/>). The identity
/// <see cref="SequenceNumber"/> is the delivery order.
/// </summary>
public sealed class OutboxMessage : StoredMessage
{
    public long SequenceNumber { get; set; }

    public Guid? OutboxId { get; set; }

    public Guid? InboxMessageId { get; set; }

    public Guid? InboxConsumerId { get; set; }

    public DateTime? EnqueueTime { get; set; }
}
