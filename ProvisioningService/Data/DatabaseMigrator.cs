using Microsoft.EntityFrameworkCore;

namespace Provisioner.ProvisioningService.Data;

/// <summary>
/// Applies the migrations before anything else starts: it is registered ahead of the bus and the messaging services,
/// and hosted services start in registration order, so nothing touches a table before it exists.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvisioningDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("Provisioning database is at the latest migration.");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
