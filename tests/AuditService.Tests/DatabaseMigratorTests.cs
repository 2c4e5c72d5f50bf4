using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using Provisioner.AuditService.Data;
using Provisioner.Messaging.Schema;

namespace Provisioner.AuditService.Tests;

/// <summary>
/// Two instances starting together on an empty database: without the migrator's advisory lock both ran the same
/// migration and one died on <c>function "audit_payload_text" already exists</c> (seen in the scale-out scenario).
/// </summary>
public sealed class DatabaseMigratorTests
{
    [Fact]
    public async Task StartAsync_TwoInstancesOnOneEmptyDatabase_BothSucceedAndMigrateOnce()
    {
        await using var database = await TestDatabase.CreateAsync("audit_migrate");
        await using var first = Instance(database.ConnectionString);
        await using var second = Instance(database.ConnectionString);

        await Task.WhenAll(Migrate(first), Migrate(second));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var applied = new NpgsqlCommand("""SELECT count(*) FROM "__EFMigrationsHistory" """, connection);
        await using var scope = first.CreateAsyncScope();
        var expected = scope.ServiceProvider.GetRequiredService<AuditDbContext>().Database.GetMigrations().Count();
        Assert.Equal(expected, Convert.ToInt32(await applied.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task StartAsync_LockHeldLongerThanTheCommandTimeout_WaitsAndThenMigrates()
    {
        await using var database = await TestDatabase.CreateAsync("audit_migrate_wait");
        // Another instance's migration, as long as it likes: a blocking pg_advisory_lock would die at the 1 s timeout.
        await using var other = new NpgsqlConnection(database.ConnectionString);
        await other.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({DatabaseMigrator<AuditDbContext>.LockKey})", other))
        {
            await take.ExecuteNonQueryAsync();
        }

        await using var instance = Instance(database.ConnectionString, commandTimeoutSeconds: 1);
        var log = new FakeLogger<DatabaseMigrator<AuditDbContext>>();
        var migrating = Migrate(instance, log);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(migrating.IsCompleted);

        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({DatabaseMigrator<AuditDbContext>.LockKey})", other))
        {
            await release.ExecuteNonQueryAsync();
        }

        await migrating.WaitAsync(TimeSpan.FromMinutes(2));
        await using var scope = instance.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<AuditDbContext>().Database.GetPendingMigrationsAsync());
        // Waited as a waiter, not by timing out and retrying as if the database were unreachable.
        Assert.Contains(log.Collector.GetSnapshot(), r => r.Message.Contains("another instance is migrating", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning);
    }

    private static ServiceProvider Instance(string connectionString, int commandTimeoutSeconds = 30) =>
        new ServiceCollection()
            .AddDbContext<AuditDbContext>(db => db.UseNpgsql(connectionString, npgsql => npgsql.CommandTimeout(commandTimeoutSeconds)))
            .BuildServiceProvider();

    private static Task Migrate(ServiceProvider instance, ILogger<DatabaseMigrator<AuditDbContext>>? log = null) =>
        Task.Run(() => new DatabaseMigrator<AuditDbContext>(
            instance.GetRequiredService<IServiceScopeFactory>(), log ?? NullLogger<DatabaseMigrator<AuditDbContext>>.Instance).StartAsync(CancellationToken.None));
}
