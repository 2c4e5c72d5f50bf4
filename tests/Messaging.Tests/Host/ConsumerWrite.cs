namespace Provisioner.Messaging.Tests.Host;

public sealed class ConsumerWrite
{
    public long Id { get; set; }

    public Guid OrderId { get; set; }
}
