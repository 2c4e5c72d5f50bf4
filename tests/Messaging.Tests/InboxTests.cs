using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;

namespace Provisioner.Messaging.Tests;

public sealed class InboxTests
{
    [Fact]
    public async Task SubmitOrder_SameMessageIdTwice_OneEffectAndOneEventPublished()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var orderId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{test.Settings.SubmitOrderQueue}"));

        // Back to back, as a broker redelivery after a lost ack would look.
        await Task.WhenAll(
            endpoint.Send(new SubmitOrder(orderId), c => c.MessageId = messageId),
            endpoint.Send(new SubmitOrder(orderId), c => c.MessageId = messageId));

        // Both copies reached the inbox once the receive count is 2; only then is "once" meaningful.
        await Eventually.TrueAsync(async () =>
        {
            await using var db = test.CreateDbContext();
            return await db.Set<Schema.InboxState>().AnyAsync(x => x.MessageId == messageId && x.ReceiveCount >= 2 && x.Delivered != null);
        }, TimeSpan.FromSeconds(30), "both deliveries to pass the inbox");
        await test.WaitForProbeAsync(nameof(OrderSubmitted), orderId, 1, TimeSpan.FromSeconds(30));

        // A later message through the same queues proves the probe has drained what came before it.
        var marker = Guid.NewGuid();
        await endpoint.Send(new SubmitOrder(marker));
        await test.WaitForProbeAsync(nameof(OrderSubmitted), marker, 1, TimeSpan.FromSeconds(30));

        await using var check = test.CreateDbContext();
        Assert.Equal(1, await check.ConsumerWrites.CountAsync(x => x.OrderId == orderId));
        Assert.Equal(1, await test.CountProbeAsync(nameof(OrderSubmitted), orderId));
    }
}
