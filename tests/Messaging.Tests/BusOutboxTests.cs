using Microsoft.EntityFrameworkCore;
using Provisioner.Messaging.Tests.Host;

namespace Provisioner.Messaging.Tests;

public sealed class BusOutboxTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PlaceOrder_Committed_MessagesDeliveredInOrderOnce()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var orderId = Guid.NewGuid();

        await TestApp.PlaceOrderAsync(host.Services, orderId, messages: 5, commit: true);

        await test.WaitForProbeAsync(nameof(OrderPlaced), orderId, 5, Timeout);
        await using var db = test.CreateDbContext();
        var sequences = await db.Probe.Where(x => x.OrderId == orderId).OrderBy(x => x.Id).Select(x => x.Sequence).ToListAsync();
        Assert.Equal([1, 2, 3, 4, 5], sequences);
        Assert.Equal(0, await db.Set<Schema.OutboxMessage>().CountAsync());
    }

    [Fact]
    public async Task PlaceOrder_RolledBack_NothingStoredOrDelivered()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var rolledBack = Guid.NewGuid();
        var committed = Guid.NewGuid();

        await TestApp.PlaceOrderAsync(host.Services, rolledBack, messages: 1, commit: false);

        // A later committed order is delivered by the same relay: once it is seen, the rolled-back one had its chance.
        await TestApp.PlaceOrderAsync(host.Services, committed, messages: 1, commit: true);
        await test.WaitForProbeAsync(nameof(OrderPlaced), committed, 1, Timeout);
        Assert.Equal(0, await test.CountProbeAsync(nameof(OrderPlaced), rolledBack));
        await using var db = test.CreateDbContext();
        Assert.False(await db.Orders.AnyAsync(x => x.Id == rolledBack));
    }
}
