using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Messaging.Configuration;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Maintenance;

/// <summary>
/// Deletes delivered bus-outbox markers and inbox rows older than the duplicate-detection window, in batches so no
/// statement holds many row locks or runs long.
/// </summary>
public sealed class MessagingCleanupService<TDbContext>(
    IServiceScopeFactory scopes,
    IOptions<MessagingOptions> options,
    ILogger<MessagingCleanupService<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    private const string S = MessagingSchema.Name;

    private static readonly string DeleteOutboxStateSql =
        $"DELETE FROM {S}.{MessagingSchema.OutboxState} WHERE outbox_id IN " +
        $"(SELECT outbox_id FROM {S}.{MessagingSchema.OutboxState} WHERE delivered IS NOT NULL LIMIT {{0}} FOR UPDATE SKIP LOCKED)";

    // An inbox row still referenced by undelivered outbox messages is kept: deleting it would lose those messages.
    private static readonly string DeleteInboxSql =
        $"DELETE FROM {S}.{MessagingSchema.InboxState} WHERE id IN " +
        $"(SELECT i.id FROM {S}.{MessagingSchema.InboxState} i WHERE i.delivered < {{0}} AND NOT EXISTS " +
        $"(SELECT 1 FROM {S}.{MessagingSchema.OutboxMessage} m WHERE m.inbox_message_id = i.message_id AND m.inbox_consumer_id = i.consumer_id) " +
        "LIMIT {1} FOR UPDATE SKIP LOCKED)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval);
        while (await Ticks.NextAsync(timer, stoppingToken))
        {
            try
            {
                var removed = await CleanupOnceAsync(stoppingToken);
                if (removed > 0)
                {
                    logger.LogInformation("Messaging cleanup removed {Count} rows", removed);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Messaging cleanup failed; trying again next interval");
            }
        }
    }

    /// <summary>One full pass: batches until nothing old is left. Returns the number of rows removed.</summary>
    public async Task<int> CleanupOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var batch = options.Value.CleanupBatchSize;
        var cutoff = DateTime.UtcNow - options.Value.DuplicateDetectionWindow;
        var total = 0;
        int removed;
        do
        {
            removed = await db.Database.ExecuteSqlRawAsync(DeleteOutboxStateSql, [batch], ct);
            total += removed;
        }
        while (removed == batch);

        do
        {
            removed = await db.Database.ExecuteSqlRawAsync(DeleteInboxSql, [cutoff, batch], ct);
            total += removed;
        }
        while (removed == batch);

        return total;
    }
}
