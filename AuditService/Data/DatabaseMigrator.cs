using Microsoft.EntityFrameworkCore;

namespace Provisioner.AuditService.Data;

/// <summary>
/// Applies the migrations before anything else starts: it is registered ahead of the writer and the bus, and hosted
/// services start in registration order, so no message is consumed before the tables and triggers exist.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuditDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Audit database is at the latest migration.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
