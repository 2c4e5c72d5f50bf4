namespace Provisioner.Messaging.Tests.Host;

public sealed class ProbeEntry
{
    public long Id { get; set; }

    public string Kind { get; set; } = "";

    public Guid OrderId { get; set; }

    public int Sequence { get; set; }

    public string? CorrelationId { get; set; }
}
