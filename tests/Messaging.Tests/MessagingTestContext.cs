using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;
using RabbitMQ.Client;

namespace Provisioner.Messaging.Tests;

/// <summary>One test's world: its own database, its own queue names, and the app hosts it started.</summary>
public sealed class MessagingTestContext : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    private MessagingTestContext(TestDatabase database, TestAppSettings settings)
    {
        Database = database;
        Settings = settings;
    }

    public TestDatabase Database { get; }

    public TestAppSettings Settings { get; }

    public static async Task<MessagingTestContext> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync("messaging");
        var settings = new TestAppSettings($"mt-{Guid.NewGuid():N}"[..15], database.ConnectionString, TestEnvironment.RabbitMqUri.ToString());
        var context = new MessagingTestContext(database, settings);
        await using var db = context.CreateDbContext();
        await db.Database.EnsureCreatedAsync();
        return context;
    }

    public TestDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(Database.ConnectionString).Options);

    /// <summary>Starts an app instance and waits until its bus is connected.</summary>
    public async Task<IHost> StartHostAsync(TestAppSettings? settings = null)
    {
        var host = TestApp.Build(settings ?? Settings);
        _hosts.Add(host);
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        return host;
    }

    public async Task StopHostAsync(IHost host)
    {
        await host.StopAsync();
        host.Dispose();
        _hosts.Remove(host);
    }

    public async Task<int> CountProbeAsync(string kind, Guid orderId)
    {
        await using var db = CreateDbContext();
        return await db.Probe.CountAsync(x => x.Kind == kind && x.OrderId == orderId);
    }

    public Task WaitForProbeAsync(string kind, Guid orderId, int count, TimeSpan timeout) =>
        Eventually.GetAsync(() => CountProbeAsync(kind, orderId), n => n >= count, timeout, $"{count} × {kind} for {orderId}");

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.ToArray())
        {
            await StopHostAsync(host);
        }

        await DeleteQueuesAsync();
        await Database.DisposeAsync();
    }

    private async Task DeleteQueuesAsync()
    {
        var factory = new ConnectionFactory { Uri = TestEnvironment.RabbitMqUri };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var queue in Settings.Queues.SelectMany(q => new[] { q, $"{q}_error", $"{q}_skipped" }))
        {
            await channel.QueueDeleteAsync(queue);
            await channel.ExchangeDeleteAsync(queue);
        }
    }
}
