using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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

    private static ServiceProvider Instance(string connectionString) =>
        new ServiceCollection()
            .AddDbContext<AuditDbContext>(db => db.UseNpgsql(connectionString))
            .BuildServiceProvider();

    private static Task Migrate(ServiceProvider instance) =>
        Task.Run(() => new DatabaseMigrator<AuditDbContext>(
            instance.GetRequiredService<IServiceScopeFactory>(), NullLogger<DatabaseMigrator<AuditDbContext>>.Instance).StartAsync(CancellationToken.None));
}
