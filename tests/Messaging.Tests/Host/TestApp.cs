using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Provisioner.Messaging.Tests.Host;

/// <summary>
/// The app under test, wired the way a service wires it. <paramref name="Prefix"/> makes every queue name unique
/// to one test, so tests never consume each other's messages.
/// </summary>
public sealed record TestAppSettings(string Prefix, string ConnectionString, string RabbitMqUri)
{
    public TimeSpan OutboxPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public string ProbeQueue => $"{Prefix}-probe";

    public string SubmitOrderQueue => $"{Prefix}-submit-order";

    public string SagaQueue => $"{Prefix}-order-state";

    public string SchedulerQueue => $"{Prefix}-scheduler";

    public IReadOnlyList<string> Queues => [ProbeQueue, SubmitOrderQueue, SagaQueue, SchedulerQueue];
}

public static class TestApp
{
    public static IHost Build(TestAppSettings settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "messaging-tests",
            DisableDefaults = true,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = settings.RabbitMqUri,
            ["MessagingOptions:SchedulerQueueName"] = settings.SchedulerQueue,
            ["MessagingOptions:EndpointsWithoutInbox:0"] = settings.ProbeQueue,
            ["MessagingOptions:OutboxPollInterval"] = settings.OutboxPollInterval.ToString(),
            ["MessagingOptions:RetryMinInterval"] = "00:00:00.050",
            ["MessagingOptions:RetryMaxInterval"] = "00:00:00.500",
            ["MessagingOptions:RetryLimit"] = "8",
        });
        builder.Services.AddDbContext<TestDbContext>(o => o.UseNpgsql(settings.ConnectionString));
        builder.AddMessaging<TestDbContext>(x =>
        {
            // One at a time, so the probe records messages in the order the broker holds them.
            x.AddConsumer<ProbeConsumer>().Endpoint(e =>
            {
                e.Name = settings.ProbeQueue;
                e.ConcurrentMessageLimit = 1;
            });
            x.AddConsumer<SubmitOrderConsumer>().Endpoint(e => e.Name = settings.SubmitOrderQueue);
            x.AddSagaStateMachine<OrderStateMachine, OrderState>().Endpoint(e => e.Name = settings.SagaQueue);
        });
        return builder.Build();
    }

    /// <summary>
    /// What an HTTP handler does: change the database and publish in one transaction. The messages are written
    /// to the outbox by SaveChanges and relayed after the commit.
    /// </summary>
    public static async Task PlaceOrderAsync(IServiceProvider services, Guid orderId, int messages, bool commit, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
        var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Orders.Add(new Order { Id = orderId, Note = "placed" });
        for (var i = 1; i <= messages; i++)
        {
            await publish.Publish(new OrderPlaced(orderId, i), ct);
        }

        await db.SaveChangesAsync(ct);
        if (commit)
        {
            await transaction.CommitAsync(ct);
        }
        else
        {
            await transaction.RollbackAsync(ct);
        }
    }
}
