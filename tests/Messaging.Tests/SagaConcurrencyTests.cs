using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;

namespace Provisioner.Messaging.Tests;

public sealed class SagaConcurrencyTests
{
    [Fact]
    public async Task ItemAdded_ManyAtOnceStartingANewSaga_NoLostUpdate()
    {
        await using var test = await MessagingTestContext.CreateAsync();
        var host = await test.StartHostAsync();
        var bus = host.Services.GetRequiredService<IBus>();
        var orderId = Guid.NewGuid();
        var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{test.Settings.SagaQueue}"));

        // Several events race to create the same saga, then keep racing to update it.
        var amounts = Enumerable.Range(1, 8).ToArray();
        await Task.WhenAll(amounts.Select(a => endpoint.Send(new ItemAdded(orderId, a))));

        var expected = amounts.Sum();
        var saga = await Eventually.GetAsync(() => LoadAsync(test, orderId), s => s?.Total == expected, TimeSpan.FromSeconds(45),
            $"saga total {expected}");
        Assert.Equal(amounts.Length, saga!.Version);
        Assert.Equal("Open", saga.CurrentState);
    }

    private static async Task<OrderState?> LoadAsync(MessagingTestContext test, Guid orderId)
    {
        await using var db = test.CreateDbContext();
        var row = await db.Set<Schema.SagaInstance>().SingleOrDefaultAsync(x => x.CorrelationId == orderId);
        if (row is null)
        {
            return null;
        }

        var state = System.Text.Json.JsonSerializer.Deserialize<OrderState>(row.Data)!;
        state.Version = row.Version;
        return state;
    }
}
