using Microsoft.EntityFrameworkCore;

namespace Provisioner.AuthService.Data;

/// <summary>
/// Applies pending migrations before the server takes requests and before the background services start (hosted
/// services start in registration order). EF Core's migration lock keeps concurrent instances from colliding.
/// </summary>
public sealed class DatabaseMigrator(IServiceScopeFactory scopes, ILogger<DatabaseMigrator> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        logger.LogInformation("authdb schema is up to date");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
