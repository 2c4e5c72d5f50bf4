namespace Provisioner.Messaging.Schema;

/// <summary>One row per committed transaction of the bus outbox; the relay delivers its messages in order.</summary>
public sealed class OutboxState
{
    public Guid OutboxId { get; set; }

    public Guid LockId { get; set; }

    public DateTime Created { get; set; }

    public DateTime? Delivered { get; set; }

    public long? LastSequenceNumber { get; set; }
}
