namespace Provisioner.AppHost.Model;

/// <summary>The RabbitMQ broker (an <c>amqp://user:password@host:port/</c> URI).</summary>
public sealed class RabbitMqResource(string name) : Resource(name), IResourceWithConnectionString
{
    public string GetConnectionString(InfrastructureEndpoints infrastructure) => infrastructure.RabbitMq;
}
