using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Provisioner.Messaging.Configuration;
using Provisioner.Messaging.Maintenance;
using Provisioner.Messaging.Schema;
using Provisioner.Messaging.Tests.Host;
using Provisioner.TestSupport;

namespace Provisioner.Messaging.Tests;

public sealed class MaintenanceTests
{
    [Fact]
    public async Task CleanupOnce_OldAndFreshRows_RemovesOnlyDeliveredAndExpired()
    {
        await using var database = await TestDatabase.CreateAsync("messaging_cleanup");
        await using var provider = BuildServices(database, o => o.CleanupBatchSize = 2);
        var now = DateTime.UtcNow;
        var old = now.AddHours(-2);
        await using (var db = await CreateDbAsync(database))
        {
            // 5 old delivered inbox rows (more than one batch), 1 fresh, 1 old but never delivered.
            for (var i = 0; i < 5; i++)
            {
                db.Add(Inbox(received: old, delivered: old));
            }

            db.Add(Inbox(received: now, delivered: now));
            db.Add(Inbox(received: old, delivered: null));
            db.Add(new OutboxState { OutboxId = Guid.NewGuid(), Created = old, Delivered = old });
            db.Add(new OutboxState { OutboxId = Guid.NewGuid(), Created = old });
            await db.SaveChangesAsync();
        }

        var removed = await provider.GetRequiredService<MessagingCleanupService<TestDbContext>>().CleanupOnceAsync(CancellationToken.None);

        Assert.Equal(6, removed);
        await using var check = await CreateDbAsync(database);
        Assert.Equal(2, await check.Set<InboxState>().CountAsync());
        Assert.False(await check.Set<InboxState>().AnyAsync(x => x.Delivered < now.AddMinutes(-1)));
        Assert.Null((await check.Set<OutboxState>().SingleAsync()).Delivered);
    }

    [Fact]
    public async Task CheckHealth_OutboxOlderThanThreshold_Unhealthy()
    {
        await using var database = await TestDatabase.CreateAsync("messaging_health");
        await using var provider = BuildServices(database, o => o.StuckDeliveryThreshold = TimeSpan.FromMinutes(1));
        await using var db = await CreateDbAsync(database);
        var check = new MessagingHealthCheck<TestDbContext>(db, provider.GetRequiredService<IOptions<MessagingOptions>>());

        var fresh = await check.CheckHealthAsync(new HealthCheckContext());
        db.Add(new OutboxState { OutboxId = Guid.NewGuid(), Created = DateTime.UtcNow.AddMinutes(-5) });
        await db.SaveChangesAsync();
        var stuck = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, fresh.Status);
        Assert.Equal(HealthStatus.Unhealthy, stuck.Status);
        Assert.True((double)stuck.Data["oldestUndeliveredSeconds"] >= 290);
    }

    private static ServiceProvider BuildServices(TestDatabase database, Action<MessagingOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<TestDbContext>(o => o.UseNpgsql(database.ConnectionString));
        services.AddOptions<MessagingOptions>().Configure(configure);
        services.AddSingleton<MessagingCleanupService<TestDbContext>>();
        return services.BuildServiceProvider(validateScopes: true);
    }

    private static async Task<TestDbContext> CreateDbAsync(TestDatabase database)
    {
        var db = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(database.ConnectionString).Options);
        await db.Database.EnsureCreatedAsync();
        return db;
    }

    private static InboxState Inbox(DateTime received, DateTime? delivered) => new()
    {
        MessageId = Guid.NewGuid(),
        ConsumerId = Guid.NewGuid(),
        LockId = Guid.NewGuid(),
        Received = received,
        ReceiveCount = 1,
        Consumed = delivered,
        Delivered = delivered,
    };
}
