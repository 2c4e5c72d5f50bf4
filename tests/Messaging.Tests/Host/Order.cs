namespace Provisioner.Messaging.Tests.Host;

public sealed class Order
{
    public Guid Id { get; set; }

    public string Note { get; set; } = "";
}
