using RabbitMQ.Client;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Declares what MassTransit declared for the audit endpoint, with the same names, types and arguments, so running
/// installations (whose entities already exist: a different declaration fails with PRECONDITION_FAILED) and every
/// publisher keep working: a durable fanout exchange per audited contract (<c>Namespace:Type</c>, where publishers
/// send) bound to the durable fanout exchange named after the queue, bound to the durable queue; and the error
/// exchange and queue (<c>{queue}_error</c>) a message goes to when it cannot be audited.
/// </summary>
public static class AuditTopology
{
    public static string ErrorQueueOf(string queue) => queue + "_error";

    public static async Task DeclareAsync(IChannel channel, string queue, IEnumerable<Type> auditedTypes, CancellationToken cancellationToken)
    {
        await DeclareEndpointAsync(channel, queue, cancellationToken);
        await DeclareEndpointAsync(channel, ErrorQueueOf(queue), cancellationToken);
        foreach (var type in auditedTypes)
        {
            var exchange = MessageNames.ExchangeOf(type);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.ExchangeBindAsync(queue, exchange, routingKey: "", cancellationToken: cancellationToken);
        }
    }

    /// <summary>An exchange and a queue of one name, bound: MassTransit's shape for a receive endpoint.</summary>
    private static async Task DeclareEndpointAsync(IChannel channel, string name, CancellationToken cancellationToken)
    {
        await channel.ExchangeDeclareAsync(name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(name, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(name, name, routingKey: "", cancellationToken: cancellationToken);
    }
}
