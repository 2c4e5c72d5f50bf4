using System.Data;
using MassTransit;
using MassTransit.Middleware;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Messaging.Configuration;
using Provisioner.Messaging.Maintenance;
using Provisioner.Messaging.Outbox;
using Provisioner.Messaging.Schema;
using ScheduledMessage = Provisioner.Messaging.Schema.ScheduledMessage;

namespace Provisioner.Messaging.Scheduler;

/// <summary>
/// Sends scheduled messages that are due. Each batch is locked, sent with publisher confirms and deleted in one
/// transaction: a crash between send and commit sends again (same MessageId, so an inbox drops the copy); a row
/// deleted by Unschedule before it is due is never sent.
/// </summary>
public sealed class SchedulerDeliveryService<TDbContext>(
    IBusControl bus,
    IServiceScopeFactory scopes,
    IOptions<MessagingOptions> options,
    ILogger<SchedulerDeliveryService<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    private static readonly string DueSql =
        $"SELECT * FROM {MessagingSchema.Name}.{MessagingSchema.ScheduledMessage} WHERE scheduled_time <= now() " +
        "ORDER BY scheduled_time LIMIT {0} FOR UPDATE SKIP LOCKED";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerPollInterval);
        do
        {
            try
            {
                await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
                while (await DeliverDueAsync(stoppingToken) == options.Value.DeliveryBatchSize)
                {
                    // A full batch: more may be due right now.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Scheduled message delivery failed; retrying");
            }
        }
        while (await Ticks.NextAsync(timer, stoppingToken));
    }

    private async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var due = await db.Set<ScheduledMessage>().FromSqlRaw(DueSql, options.Value.DeliveryBatchSize).AsTracking().ToListAsync(ct);
        var sent = 0;
        Exception? failure = null;
        foreach (var row in due)
        {
            try
            {
                var message = new DeliverableMessage(row, 0, SystemTextJsonMessageSerializer.Instance);
                var destination = message.DestinationAddress
                    ?? throw new InvalidOperationException($"Scheduled message {row.TokenId} has no destination.");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(options.Value.DeliveryTimeout);
                var endpoint = await bus.GetSendEndpoint(destination);
                await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, destination), timeout.Token);
                db.Remove(row);
                sent++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failure = exception;
                break;
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (failure is not null)
        {
            throw new InvalidOperationException($"Sent {sent} of {due.Count} due scheduled messages.", failure);
        }

        return sent;
    }
}
