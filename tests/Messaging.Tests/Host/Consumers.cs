using MassTransit;
using Provisioner.ServiceDefaults.Correlation;

namespace Provisioner.Messaging.Tests.Host;

/// <summary>A consumer with an effect and an outgoing event, behind the inbox/outbox.</summary>
public sealed class SubmitOrderConsumer(TestDbContext db) : IConsumer<SubmitOrder>
{
    public async Task Consume(ConsumeContext<SubmitOrder> context)
    {
        db.ConsumerWrites.Add(new ConsumerWrite { OrderId = context.Message.OrderId });
        await db.SaveChangesAsync(context.CancellationToken);
        await context.Publish(new OrderSubmitted(context.Message.OrderId));
    }
}

/// <summary>Records every delivery it gets. It has no inbox on purpose, so a duplicate delivery shows as a second row.</summary>
public sealed class ProbeConsumer(TestDbContext db)
    : IConsumer<OrderPlaced>, IConsumer<OrderSubmitted>, IConsumer<OrderExpired>
{
    public Task Consume(ConsumeContext<OrderPlaced> context) =>
        RecordAsync(nameof(OrderPlaced), context.Message.OrderId, context.Message.Sequence, context.CancellationToken);

    public Task Consume(ConsumeContext<OrderSubmitted> context) =>
        RecordAsync(nameof(OrderSubmitted), context.Message.OrderId, 0, context.CancellationToken);

    public Task Consume(ConsumeContext<OrderExpired> context) =>
        RecordAsync(nameof(OrderExpired), context.Message.OrderId, 0, context.CancellationToken);

    private async Task RecordAsync(string kind, Guid orderId, int sequence, CancellationToken ct)
    {
        db.Probe.Add(new ProbeEntry { Kind = kind, OrderId = orderId, Sequence = sequence, CorrelationId = CorrelationId.Current });
        await db.SaveChangesAsync(ct);
    }
}
