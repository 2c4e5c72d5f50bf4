using System.Collections.Concurrent;
using MassTransit;

namespace Provisioner.AuditService.Tests;

/// <summary>Counts finished deliveries per message id (the harness's lists keep one record per message id).</summary>
internal sealed class DeliveryCounter : IConsumeObserver
{
    private readonly ConcurrentDictionary<Guid, int> finished = new();

    public int FinishedFor(Guid messageId) => finished.GetValueOrDefault(messageId);

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        finished.AddOrUpdate(context.MessageId ?? Guid.Empty, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
