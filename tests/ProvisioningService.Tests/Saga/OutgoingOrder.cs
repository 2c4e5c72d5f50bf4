using System.Collections.Concurrent;
using MassTransit;

namespace Provisioner.ProvisioningService.Tests.Saga;

/// <summary>
/// Every message the bus sends or publishes, in the order it left: the harness keeps sent and published messages in
/// two lists, which cannot tell which of a send and a publish went first.
/// </summary>
internal sealed class OutgoingOrder : ISendObserver, IPublishObserver
{
    private readonly ConcurrentQueue<object> messages = new();

    public IReadOnlyList<object> Messages => [.. messages];

    public Task PreSend<T>(SendContext<T> context) where T : class => Record(context.Message);

    public Task PrePublish<T>(PublishContext<T> context) where T : class => Record(context.Message);

    public Task PostSend<T>(SendContext<T> context) where T : class => Task.CompletedTask;

    public Task SendFault<T>(SendContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    private Task Record(object message)
    {
        messages.Enqueue(message);
        return Task.CompletedTask;
    }
}
