using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Provisioner.Messaging.Schema;

/// <summary>
/// Applies a service's EF migrations before anything else starts: registered ahead of the bus and the messaging
/// services, and hosted services start in registration order, so nothing touches a table before it exists.
/// <list type="bullet">
/// <item>Instances starting together on an empty database take turns under a PostgreSQL advisory lock: two of them
/// running the same migration at once failed (<c>function … already exists</c>), and the loser exited.</item>
/// <item>A database that is still starting, or not reachable yet, is waited for (transient errors, up to
/// <see cref="StartupWait"/>), instead of the service exiting and the launcher restarting it.</item>
/// </list>
/// </summary>
public sealed class DatabaseMigrator<TDbContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TDbContext>> logger)
    : IHostedService
    where TDbContext : DbContext
{
    /// <summary>How long a transiently failing database is waited for before start-up fails.</summary>
    public static readonly TimeSpan StartupWait = TimeSpan.FromMinutes(2);

    /// <summary>How long an instance waits for another one's migration before start-up fails.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The advisory lock's key: the same in every instance of this service (the context's name), so they serialise on it
    /// and on nothing else.
    /// </summary>
    public static readonly long LockKey =
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("provisioner-migrations:" + typeof(TDbContext).FullName)));

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            try
            {
                await MigrateAsync(cancellationToken);
                logger.LogInformation("{Database} is at the latest migration.", typeof(TDbContext).Name);
                return;
            }
            catch (NpgsqlException error) when (error.IsTransient && waited.Elapsed < StartupWait && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("{Database} is not reachable yet ({Reason}); trying again in {Delay}", typeof(TDbContext).Name, error.Message, delay);
                await Task.Delay(delay, cancellationToken);
                delay = delay * 2 < TimeSpan.FromSeconds(10) ? delay * 2 : TimeSpan.FromSeconds(10);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        // A session lock on the context's own connection, held open through the migration (EF leaves an open connection
        // open) and released explicitly; if the process dies, the closing connection releases it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await AcquireLockAsync(db, cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock({0})", [LockKey], CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Polls <c>pg_try_advisory_lock</c> rather than blocking in <c>pg_advisory_lock</c>: a blocking wait is one command,
    /// bounded by the command timeout (30 s), and a second instance waiting on a slow first migration failed start-up
    /// with a timeout (exit 134, seen in the scale-out scenario on a loaded machine).
    /// </summary>
    private async Task AcquireLockAsync(TDbContext db, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var logged = false;
        while (!await db.Database.SqlQueryRaw<bool>("SELECT pg_try_advisory_lock({0}) AS \"Value\"", LockKey).SingleAsync(cancellationToken))
        {
            if (waited.Elapsed > LockWait)
            {
                throw new TimeoutException(
                    $"Another instance held the {typeof(TDbContext).Name} migration lock for more than {LockWait}; start-up gives up.");
            }

            if (!logged)
            {
                logger.LogInformation("{Database}: another instance is migrating; waiting for it.", typeof(TDbContext).Name);
                logged = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
