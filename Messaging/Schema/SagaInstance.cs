namespace Provisioner.Messaging.Schema;

/// <summary>
/// A saga instance stored as JSON, keyed by saga type and correlation id, so every state machine of a service
/// shares one table and needs no mapping of its own.
/// </summary>
public sealed class SagaInstance
{
    public string SagaType { get; set; } = "";

    public Guid CorrelationId { get; set; }

    public string Data { get; set; } = "";

    public int Version { get; set; }

    public DateTime Updated { get; set; }
}
