using System.Text.Json;
using Provisioner.AuditService.Data;
using Provisioner.ServiceDefaults.Errors;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// What happens to one delivery, with the guarantees the MassTransit consumer had: a database outage is waited out
/// (message unacknowledged, minutes), a failed batch is retried entry by entry (each usually lands in a healthy batch),
/// and what still fails, names no audited type or is no envelope goes to the error queue with the reason. Payloads
/// are never logged: they may hold secrets.
/// </summary>
internal sealed class DeliveryHandler(
    AuditWriter writer, AuditEntryFactory entries, AckWatermark watermark, AckSender acks, IChannel channel, ErrorQueue errors,
    ILogger logger, CancellationToken retries, CancellationToken abort)
{
    /// <summary>Waits before retrying an entry whose batch failed for another reason than an outage.</summary>
    internal static readonly TimeSpan[] FailureRetryIntervals =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;

    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>
    /// Called on the consumer's dispatch loop, one delivery at a time: the entry is built and handed to the writer here,
    /// in arrival order (so each agency's chain follows the queue), and the commit is awaited off the loop.
    /// </summary>
    public void Receive(BasicDeliverEventArgs delivery)
    {
        watermark.Received(delivery.DeliveryTag);
        Interlocked.Increment(ref inFlight);

        // The body's memory belongs to the client only while this method runs.
        var body = delivery.Body.ToArray();
        AuditEntry? entry = null;
        string? problem;
        Exception? error = null;
        if (MessageEnvelope.TryParse(body, out var envelope, out problem))
        {
            using (envelope)
            {
                try
                {
                    entry = entries.Create(envelope!);
                    problem = entry is null
                        ? $"No audited contract matches the message types [{string.Join(", ", envelope!.MessageTypes)}]."
                        : null;
                }
                catch (Exception failure)
                {
                    // Whatever the deserialiser or a convention throws, this message cannot be audited as it is.
                    (error, problem) = (failure, failure is JsonException
                        ? $"The message does not deserialise into its type: {failure.Message}"
                        : $"The entry cannot be built: {failure.GetType().Name}");
                }
            }
        }

        _ = entry is null
            ? RefuseAsync(delivery, body, problem!, error)
            : StoreAsync(delivery, body, entry);
    }

    /// <summary>Completes once every delivery in hand is settled (acknowledged, requeued or given up at shutdown).</summary>
    public Task DrainedAsync(CancellationToken cancellationToken)
    {
        if (InFlight == 0)
        {
            drained.TrySetResult();
        }

        return drained.Task.WaitAsync(cancellationToken);
    }

    private async Task StoreAsync(BasicDeliverEventArgs delivery, byte[] body, AuditEntry entry)
    {
        var tag = delivery.DeliveryTag;
        try
        {
            for (int outages = 0, failures = 0; ;)
            {
                Exception failure;
                try
                {
                    await writer.AppendAsync(entry, abort);
                    acks.Post(watermark.Acknowledge(tag));
                    return;
                }
                catch (Exception error) when (!abort.IsCancellationRequested)
                {
                    failure = error;
                }

                TimeSpan wait;
                if (DatabaseFailures.IsTransient(failure))
                {
                    if (outages == DatabaseFailures.OutageRetryIntervals.Length)
                    {
                        // Still no database after minutes: back to the queue, not to the error queue, so nothing is lost.
                        logger.LogError("The audit database stayed unreachable; message {MessageId} goes back to the queue.", entry.MessageId);
                        await channel.BasicNackAsync(tag, multiple: false, requeue: true);
                        acks.Post(watermark.Settled(tag));
                        return;
                    }

                    wait = DatabaseFailures.OutageRetryIntervals[outages++];
                }
                else
                {
                    if (failures == FailureRetryIntervals.Length)
                    {
                        logger.LogError(failure, "Message {MessageId} ({Type}) could not be stored; moved to the error queue.", entry.MessageId, entry.MessageType);
                        await MoveAsync(delivery, body, $"Storing the entry failed {failures + 1} times: {failure.Message}", failure);
                        return;
                    }

                    wait = FailureRetryIntervals[failures++];
                }

                await Task.Delay(wait, retries);
            }
        }
        catch (OperationCanceledException) when (retries.IsCancellationRequested || abort.IsCancellationRequested)
        {
            // Shutting down: the delivery stays unacknowledged and the broker hands it out again.
        }
        catch (Exception error)
        {
            logger.LogError(error, "Settling audit message {MessageId} failed; the broker delivers it again.", entry.MessageId);
        }
        finally
        {
            Finished();
        }
    }

    private async Task RefuseAsync(BasicDeliverEventArgs delivery, byte[] body, string problem, Exception? error)
    {
        try
        {
            logger.LogWarning("A delivery from {Exchange} cannot be audited and goes to the error queue: {Problem}", delivery.Exchange, problem);
            await MoveAsync(delivery, body, problem, error);
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "Moving a delivery to the error queue failed; the broker delivers it again.");
        }
        finally
        {
            Finished();
        }
    }

    private async Task MoveAsync(BasicDeliverEventArgs delivery, byte[] body, string reason, Exception? error)
    {
        await errors.MoveAsync(delivery, body, reason, error, abort);
        acks.Post(watermark.Acknowledge(delivery.DeliveryTag));
    }

    private void Finished()
    {
        if (Interlocked.Decrement(ref inFlight) == 0 && retries.IsCancellationRequested)
        {
            drained.TrySetResult();
        }
    }
}
