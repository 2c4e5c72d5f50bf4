using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Messaging.Tests.Host;

// Child-process mode for the crash test: place an order, commit, and die by SIGKILL before the relay can send.
// Usage: Messaging.Tests.Host place-order-and-die <prefix> <connection string> <rabbitmq uri> <order id>
if (args is not ["place-order-and-die", var prefix, var connectionString, var rabbitMq, var orderId])
{
    Console.Error.WriteLine("usage: place-order-and-die <prefix> <connection string> <rabbitmq uri> <order id>");
    return 2;
}

// The relay is only woken by a poll (10 minutes away) or by the end of the handler's scope, which never comes.
using var host = TestApp.Build(new TestAppSettings(prefix, connectionString, rabbitMq) { OutboxPollInterval = TimeSpan.FromMinutes(10) });
await host.StartAsync();
await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
Console.WriteLine("READY");

await using var scope = host.Services.CreateAsyncScope();
var db = scope.ServiceProvider.GetRequiredService<TestDbContext>();
var publish = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
await using var transaction = await db.Database.BeginTransactionAsync();
db.Orders.Add(new Order { Id = Guid.Parse(orderId), Note = "placed before the crash" });
await publish.Publish(new OrderPlaced(Guid.Parse(orderId), 1));
await db.SaveChangesAsync();
await transaction.CommitAsync();
Console.WriteLine("COMMITTED");
Console.Out.Flush();
Process.GetCurrentProcess().Kill();
return 1;
