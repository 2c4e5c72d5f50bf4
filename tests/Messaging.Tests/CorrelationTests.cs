using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Messaging.Tests.Host;
using Provisioner.ServiceDefaults.Correlation;

namespace Provisioner.Messaging.Tests;

public sealed class CorrelationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PlaceOrder_HandlerHasCorrelationId_ConsumerRunsWithIt()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var orderId = Guid.NewGuid();
        var correlationId = CorrelationId.New();

        await RunWithCorrelationIdAsync(correlationId, () => TestApp.PlaceOrderAsync(host.Services, orderId, messages: 1, commit: true));

        await test.WaitForProbeAsync(nameof(OrderPlaced), orderId, 1, Timeout);
        Assert.Equal(correlationId, await SeenCorrelationIdAsync(test, orderId));
    }

    [Fact]
    public async Task SubmitOrder_SentWithCorrelationId_ConsumerOutboxCarriesItOn()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var orderId = Guid.NewGuid();
        var correlationId = CorrelationId.New();
        var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{test.Settings.SubmitOrderQueue}"));

        await RunWithCorrelationIdAsync(correlationId, () => endpoint.Send(new SubmitOrder(orderId)));

        await test.WaitForProbeAsync(nameof(OrderSubmitted), orderId, 1, Timeout);
        Assert.Equal(correlationId, await SeenCorrelationIdAsync(test, orderId));
    }

    // A separate async flow, so the id set here never leaks into the test's own context.
    private static Task RunWithCorrelationIdAsync(string correlationId, Func<Task> action) =>
        Task.Run(async () =>
        {
            CorrelationId.Current = correlationId;
            await action();
        });

    private static async Task<string?> SeenCorrelationIdAsync(MessagingTestContext test, Guid orderId)
    {
        await using var db = test.CreateDbContext();
        return await db.Probe.Where(x => x.OrderId == orderId).Select(x => x.CorrelationId).SingleAsync();
    }
}
