using System.Data;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Messaging.Configuration;
using Provisioner.Messaging.Schema;

namespace Provisioner.Messaging.Outbox;

/// <summary>
/// The relay of the bus outbox: takes the oldest committed outbox (one saved transaction), sends its messages in
/// order with publisher confirms, and records what was confirmed in the same database transaction that held the
/// row lock. A failure stops the outbox at that message; the rest waits for the next round, so order holds.
/// </summary>
public sealed class BusOutboxDeliveryService<TDbContext>(
    IBusControl bus,
    IServiceScopeFactory scopes,
    IBusOutboxNotification notification,
    IOptions<MessagingOptions> options,
    ILogger<BusOutboxDeliveryService<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    // SKIP LOCKED lets several replicas relay different outboxes at once without waiting on each other.
    private static readonly string LockOutboxSql =
        $"SELECT * FROM {MessagingSchema.Name}.{MessagingSchema.OutboxState} WHERE delivered IS NULL " +
        "ORDER BY created LIMIT 1 FOR UPDATE SKIP LOCKED";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // While the broker is away there is nothing to try; MassTransit reconnects and reports Healthy.
                await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
                if (await DeliverNextOutboxAsync(stoppingToken))
                {
                    continue;
                }

                await notification.WaitForDelivery(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Outbox delivery failed; retrying in {Delay}", options.Value.OutboxPollInterval);
                await Task.Delay(options.Value.OutboxPollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Delivers (part of) one outbox; false when none was waiting.</summary>
    private async Task<bool> DeliverNextOutboxAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);

        var state = (await db.Set<OutboxState>().FromSqlRaw(LockOutboxSql).AsTracking().ToListAsync(ct)).SingleOrDefault();
        if (state is null)
        {
            return false;
        }

        var limit = options.Value.DeliveryBatchSize;
        var last = state.LastSequenceNumber ?? 0;
        var rows = await db.Set<OutboxMessage>()
            .Where(x => x.OutboxId == state.OutboxId && x.SequenceNumber > last)
            .OrderBy(x => x.SequenceNumber)
            .Take(limit)
            .AsNoTracking()
            .ToListAsync(ct);

        var (sent, failure) = await SendInOrderAsync(rows, ct);
        if (sent > 0)
        {
            var lastSent = rows[sent - 1].SequenceNumber;
            await db.Set<OutboxMessage>()
                .Where(x => x.OutboxId == state.OutboxId && x.SequenceNumber <= lastSent)
                .ExecuteDeleteAsync(ct);
            state.LastSequenceNumber = lastSent;
        }

        if (failure is null && rows.Count < limit)
        {
            // Kept as a delivered marker until the cleanup service removes it in batches.
            state.Delivered = DateTime.UtcNow;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        if (failure is not null)
        {
            throw new InvalidOperationException($"Outbox {state.OutboxId} stopped after {sent} of {rows.Count} messages.", failure);
        }

        return true;
    }

    private async Task<(int Sent, Exception? Failure)> SendInOrderAsync(List<OutboxMessage> rows, CancellationToken ct)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var message = new DeliverableMessage(rows[i], rows[i].SequenceNumber, SystemTextJsonMessageSerializer.Instance);
            if (message.DestinationAddress is null)
            {
                return (i, new InvalidOperationException($"Outbox message {message.MessageId} has no destination."));
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(options.Value.DeliveryTimeout);
                var endpoint = await bus.GetSendEndpoint(message.DestinationAddress);

                // Send returns once the broker confirmed the message (publisher confirms are on).
                await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, message.DestinationAddress), timeout.Token);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return (i, exception);
            }
        }

        return (rows.Count, null);
    }
}
