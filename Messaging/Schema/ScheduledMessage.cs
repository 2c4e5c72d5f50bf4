namespace Provisioner.Messaging.Schema;

/// <summary>A message to send at <see cref="ScheduledTime"/>; the token is what Unschedule cancels by.</summary>
public sealed class ScheduledMessage : StoredMessage
{
    public Guid TokenId { get; set; }

    public DateTime ScheduledTime { get; set; }
}
