using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Messaging.Schema;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;

namespace Provisioner.Messaging.Tests;

/// <summary>
/// How many inbox steps (transactions) a consume takes: the consume claims the inbox row in its own transaction (no
/// insert-and-commit before it), and the delivery step runs only when there is something to deliver.
/// </summary>
public sealed class InboxStepTests
{
    [Fact]
    public async Task ItemAdded_SagaSendsNothing_ConsumedAndDeliveredInOneStep()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var orderId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{test.Settings.SagaQueue}"));

        await endpoint.Send(new ItemAdded(orderId, 5), c => c.MessageId = messageId);

        var inbox = await DeliveredInboxRowAsync(test, messageId);
        Assert.Equal(1, inbox.ReceiveCount);
        Assert.Equal(inbox.Consumed, inbox.Delivered);
        await using var db = test.CreateDbContext();
        Assert.Equal(1, await db.Set<SagaInstance>().CountAsync(x => x.CorrelationId == orderId));
    }

    [Fact]
    public async Task SubmitOrder_OneOutgoingEvent_SentOnceFromTheConsumedRowAndRemoved()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var orderId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{test.Settings.SubmitOrderQueue}"));

        await endpoint.Send(new SubmitOrder(orderId), c => c.MessageId = messageId);

        var inbox = await DeliveredInboxRowAsync(test, messageId);
        await test.WaitForProbeAsync(nameof(OrderSubmitted), orderId, 1, TimeSpan.FromSeconds(30));

        // Two steps: consume (with the stored event), then delivery from memory; the stored row is gone with it.
        Assert.Equal(2, inbox.ReceiveCount);
        Assert.NotNull(inbox.LastSequenceNumber);
        await using var db = test.CreateDbContext();
        Assert.False(await db.Set<OutboxMessage>().AnyAsync(x => x.InboxMessageId == messageId));
        Assert.Equal(1, await db.ConsumerWrites.CountAsync(x => x.OrderId == orderId));
        Assert.Equal(1, await test.CountProbeAsync(nameof(OrderSubmitted), orderId));
    }

    private static async Task<InboxState> DeliveredInboxRowAsync(MessagingTestContext test, Guid messageId)
    {
        var row = await Eventually.GetAsync(async () =>
        {
            await using var db = test.CreateDbContext();
            return await db.Set<InboxState>().AsNoTracking().SingleOrDefaultAsync(x => x.MessageId == messageId);
        }, row => row?.Delivered is not null, TimeSpan.FromSeconds(30), "the inbox row to be delivered");
        return row!;
    }
}
