using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Messaging.Saga;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;

namespace Provisioner.Messaging.Tests;

public sealed class SagaHarnessTests
{
    [Fact]
    public async Task OrderStateMachine_WithPgRepository_PersistsEachTransition()
    {
        await using var database = await TestDatabase.CreateAsync("messaging_harness");
        await using var provider = new ServiceCollection()
            .AddDbContext<TestDbContext>(o => o.UseNpgsql(database.ConnectionString))
            .AddMassTransitTestHarness(x =>
            {
                x.SetTestTimeouts(testInactivityTimeout: TimeSpan.FromSeconds(5));
                x.SetSagaRepositoryProvider(new PgSagaRepositoryRegistrationProvider<TestDbContext>());

                // As AddMessaging does: the harness sees a new instance before its transaction commits, so the next
                // event can race the insert (primary-key violation); the retry then loads the committed row.
                x.AddConfigureEndpointsCallback((_, _, endpoint) => endpoint.UseMessageRetry(r => r.Intervals(50, 200, 500, 1000)));
                x.AddSagaStateMachine<OrderStateMachine, OrderState>();
            })
            .BuildServiceProvider(true);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }

        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var orderId = Guid.NewGuid();
        var sagaHarness = harness.GetSagaStateMachineHarness<OrderStateMachine, OrderState>();

        await harness.Bus.Publish(new ItemAdded(orderId, 3));
        Assert.NotNull(await sagaHarness.Exists(orderId, m => m.Open));
        await harness.Bus.Publish(new ItemAdded(orderId, 4));
        await harness.Bus.Publish(new CompleteOrder(orderId));
        Assert.NotNull(await sagaHarness.Exists(orderId, m => m.Closed));

        Assert.True(await sagaHarness.Consumed.Any<CompleteOrder>(x => x.Context.Message.OrderId == orderId));
        Assert.False(await harness.Published.Any<Fault<ItemAdded>>());
        await using var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database.ConnectionString).Options);
        var row = await db.Set<Schema.SagaInstance>().SingleAsync(x => x.CorrelationId == orderId);
        var state = System.Text.Json.JsonSerializer.Deserialize<OrderState>(row.Data)!;
        Assert.Equal(7, state.Total);
        Assert.Equal(3, row.Version);
    }
}
