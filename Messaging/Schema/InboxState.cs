namespace Provisioner.Messaging.Schema;

/// <summary>One row per (message, consumer): how the inbox knows a redelivered message was already handled.</summary>
public sealed class InboxState
{
    public long Id { get; set; }

    public Guid MessageId { get; set; }

    public Guid ConsumerId { get; set; }

    public Guid LockId { get; set; }

    public DateTime Received { get; set; }

    public int ReceiveCount { get; set; }

    public DateTime? ExpirationTime { get; set; }

    /// <summary>Set in the transaction that ran the consumer: from then on the consumer is never run again.</summary>
    public DateTime? Consumed { get; set; }

    /// <summary>Set once every outgoing message of the consumer was confirmed by the broker.</summary>
    public DateTime? Delivered { get; set; }

    public long? LastSequenceNumber { get; set; }
}
