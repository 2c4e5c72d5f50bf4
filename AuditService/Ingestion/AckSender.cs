using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Sends the multiple acks <see cref="AckWatermark"/> decides on, one at a time and only ever upwards: a lower multiple
/// ack after a higher one would name a tag the broker no longer knows and close the channel. Acks that pile up while
/// one is on the wire collapse into the newest. Tags keep rising across a channel's recovery (RabbitMQ.Client offsets
/// them), and acks for a dead channel's tags are dropped by the client instead of reaching the new channel.
/// </summary>
public sealed class AckSender(IChannel channel, ILogger logger)
{
    private readonly Channel<ulong> due = Channel.CreateUnbounded<ulong>(new UnboundedChannelOptions { SingleReader = true });
    private ulong sent;

    public void Post(ulong? upTo)
    {
        if (upTo is { } tag)
        {
            due.Writer.TryWrite(tag);
        }
    }

    /// <summary>Sends what is due until <see cref="Complete"/>; then sends the last one due and ends.</summary>
    public async Task RunAsync()
    {
        while (await due.Reader.WaitToReadAsync())
        {
            var latest = 0UL;
            while (due.Reader.TryRead(out var tag))
            {
                latest = Math.Max(latest, tag);
            }

            if (latest <= sent)
            {
                continue;
            }

            try
            {
                await channel.BasicAckAsync(latest, multiple: true);
                sent = latest;
            }
            catch (Exception error) when (error is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException)
            {
                // The channel died with these deliveries: the broker requeues them and the messageId check stores them once.
                logger.LogDebug("An ack up to delivery {Tag} was not sent: the channel is closed.", latest);
            }
            catch (Exception error)
            {
                // Never end the loop: without it no delivery would be acknowledged again. The broker redelivers what
                // this ack would have covered if the channel goes; the messageId check stores it once.
                logger.LogWarning(error, "An ack up to delivery {Tag} failed.", latest);
            }
        }
    }

    public void Complete() => due.Writer.TryComplete();
}
