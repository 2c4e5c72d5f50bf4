using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;

namespace Provisioner.Messaging.Tests;

public sealed class SchedulerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task ScheduledTimeout_SchedulingHostRestarted_ArrivesOnce()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var first = await test.StartHostAsync();
        var orderId = Guid.NewGuid();
        await Send(first.Services, test.Settings.SagaQueue, new StartOrder(orderId, TimeoutSeconds: 5));
        await Eventually.TrueAsync(() => HasScheduleAsync(test, orderId), Timeout, "the timeout to be stored");

        await test.StopHostAsync(first);
        Assert.Equal(0, await test.CountProbeAsync(nameof(OrderExpired), orderId));

        await test.StartHostAsync();
        await test.WaitForProbeAsync(nameof(OrderExpired), orderId, 1, Timeout);
        Assert.Equal("Expired", await StateAsync(test, orderId));
        Assert.False(await HasScheduleAsync(test, orderId));
    }

    [Fact]
    public async Task ScheduledTimeout_UnscheduledBeforeDue_NeverArrives()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var cancelled = Guid.NewGuid();
        var witness = Guid.NewGuid();
        await Send(host.Services, test.Settings.SagaQueue, new StartOrder(cancelled, TimeoutSeconds: 3));
        await Eventually.TrueAsync(() => HasScheduleAsync(test, cancelled), Timeout, "the timeout to be stored");

        await Send(host.Services, test.Settings.SagaQueue, new CompleteOrder(cancelled));
        await Eventually.TrueAsync(async () => !await HasScheduleAsync(test, cancelled), Timeout, "the timeout to be cancelled");

        // A witness due after the cancelled one went through the same scheduler: once it fired, the cancelled one
        // would have fired too.
        await Send(host.Services, test.Settings.SagaQueue, new StartOrder(witness, TimeoutSeconds: 4));
        await test.WaitForProbeAsync(nameof(OrderExpired), witness, 1, Timeout);
        Assert.Equal(0, await test.CountProbeAsync(nameof(OrderExpired), cancelled));
        Assert.Equal("Closed", await StateAsync(test, cancelled));
    }

    private static async Task Send<T>(IServiceProvider services, string queue, T message) where T : class
    {
        var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(message);
    }

    private static async Task<bool> HasScheduleAsync(MessagingTestContext test, Guid orderId)
    {
        await using var db = test.CreateDbContext();
        var tokenJson = await db.Set<Schema.SagaInstance>().Where(x => x.CorrelationId == orderId).Select(x => x.Data).SingleOrDefaultAsync();
        var token = tokenJson is null ? null : System.Text.Json.JsonSerializer.Deserialize<OrderState>(tokenJson)!.TimeoutTokenId;
        return token is { } id && await db.Set<Schema.ScheduledMessage>().AnyAsync(x => x.TokenId == id);
    }

    private static async Task<string?> StateAsync(MessagingTestContext test, Guid orderId)
    {
        await using var db = test.CreateDbContext();
        var data = await db.Set<Schema.SagaInstance>().Where(x => x.CorrelationId == orderId).Select(x => x.Data).SingleAsync();
        return System.Text.Json.JsonSerializer.Deserialize<OrderState>(data)!.CurrentState;
    }
}
