namespace Provisioner.Messaging.Schema;

/// <summary>
/// Names of the library's tables. They live in their own schema so they never collide with a service's tables,
/// and the raw SQL that needs row locks (<c>FOR UPDATE SKIP LOCKED</c>, which LINQ cannot express) uses the same
/// constants as the EF model.
/// </summary>
public static class MessagingSchema
{
    public const string Name = "messaging";
    public const string InboxState = "inbox_state";
    public const string OutboxState = "outbox_state";
    public const string OutboxMessage = "outbox_message";
    public const string ScheduledMessage = "scheduled_message";
    public const string SagaInstance = "saga_instance";
}
