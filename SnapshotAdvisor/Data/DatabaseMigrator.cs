using Microsoft.EntityFrameworkCore;

namespace Provisioner.SnapshotAdvisor.Data;

/// <summary>
/// Applies the migrations before anything else starts: hosted services start in registration order and this one is
/// registered first, so neither the periodic sync nor the bus touches the tables before they exist.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdvisorDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Advisor database is at the latest migration.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
