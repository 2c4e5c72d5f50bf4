using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Receives the audit queue with RabbitMQ.Client: MassTransit's per-message receive pipeline cost more CPU than the
/// whole storage path (README, "Receiver"). Start-up completes only once the topology exists and the consumer is
/// registered, so nothing published after that is missed. Each delivery becomes an entry for the
/// <see cref="AuditWriter"/>; it is acknowledged (in stretches, see <see cref="AckWatermark"/>) only once committed.
/// </summary>
public sealed class AuditReceiver(
    Uri broker, AuditWriter writer, AuditEntryFactory entries, IOptions<AuditIngestionOptions> options, ILogger<AuditReceiver> logger)
    : IHostedService, IAsyncDisposable
{
    private readonly AckWatermark watermark = new();
    private readonly CancellationTokenSource retries = new();
    private readonly CancellationTokenSource abort = new();
    private IConnection? connection;
    private IChannel? channel;
    private IChannel? errorChannel;
    private AckSender? acks;
    private Task? ackLoop;
    private DeliveryHandler? handler;
    private string? consumerTag;
    private volatile bool stopping;

    /// <summary>Consuming and connected: what the health check reports as Healthy.</summary>
    public bool IsConsuming => !stopping && connection is { IsOpen: true } && channel is { IsOpen: true } && handler is not null;

    /// <summary>Start-up has finished (the connection may be down since and recovering).</summary>
    public bool IsStarted => handler is not null && !stopping;

    /// <summary>Deliveries received and not yet acknowledged.</summary>
    public int Unacknowledged => watermark.Open;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        connection = await ConnectAsync(cancellationToken);
        connection.ConnectionShutdownAsync += (_, args) =>
        {
            if (!stopping)
            {
                logger.LogWarning("The audit receiver lost its broker connection ({Code} {Text}); it reconnects by itself.", args.ReplyCode, args.ReplyText);
            }

            return Task.CompletedTask;
        };
        connection.RecoverySucceededAsync += (_, _) =>
        {
            logger.LogInformation("The audit receiver's broker connection is back; consuming {Queue} again.", settings.QueueName);
            return Task.CompletedTask;
        };

        channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        await AuditTopology.DeclareAsync(channel, settings.QueueName, entries.AuditedTypes, cancellationToken);

        // Each delivery stays unacknowledged until its batch commits, so the prefetch is what lets a batch fill up.
        await channel.BasicQosAsync(0, (ushort)Math.Min(settings.MaxInFlight, ushort.MaxValue), global: false, cancellationToken);
        channel.ChannelShutdownAsync += (_, _) =>
        {
            watermark.ForgetAll();
            return Task.CompletedTask;
        };

        errorChannel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        acks = new AckSender(channel, logger);
        ackLoop = Task.Run(acks.RunAsync, CancellationToken.None);
        handler = new DeliveryHandler(
            writer, entries, watermark, acks, channel, new ErrorQueue(errorChannel, settings.QueueName), logger, retries.Token, abort.Token);

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            handler.Receive(delivery);
            return Task.CompletedTask;
        };
        consumerTag = await channel.BasicConsumeAsync(settings.QueueName, autoAck: false, consumer, cancellationToken);
        logger.LogInformation(
            "The audit receiver consumes {Queue} ({Types} contract types bound, prefetch {Prefetch}).",
            settings.QueueName, entries.AuditedTypes.Count, settings.MaxInFlight);
    }

    /// <summary>
    /// Stops consuming, gives deliveries in hand the time the host allows to commit (and be acknowledged), and leaves the
    /// rest unacknowledged: the broker hands them out again.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        if (channel is { IsOpen: true } consuming && consumerTag is { } tag)
        {
            await IgnoreClosedAsync(() => consuming.BasicCancelAsync(tag, noWait: false, CancellationToken.None));
        }

        await retries.CancelAsync();
        if (handler is not null)
        {
            try
            {
                await handler.DrainedAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                logger.LogWarning("{Count} audit deliveries were not stored before shutdown; the broker delivers them again.", handler.InFlight);
            }
        }

        await abort.CancelAsync();
        acks?.Complete();
        if (ackLoop is not null)
        {
            await ackLoop;
        }

        await DisposeAsync();
    }

    /// <summary>
    /// Closes the channels and the connection. Each is taken over atomically: the host may dispose the service while a
    /// timed-out <see cref="StopAsync"/> is still closing them.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        stopping = true;
        foreach (var open in new[] { Interlocked.Exchange(ref channel, null), Interlocked.Exchange(ref errorChannel, null) })
        {
            if (open is not null)
            {
                await IgnoreClosedAsync(() => open.CloseAsync());
                open.Dispose();
            }
        }

        if (Interlocked.Exchange(ref connection, null) is { } closing)
        {
            await IgnoreClosedAsync(() => closing.CloseAsync());
            closing.Dispose();
        }
    }

    /// <summary>The first connection, retried until it succeeds or start-up is cancelled; after that the client recovers it.</summary>
    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = broker,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
            ClientProvidedName = "AuditService audit receiver",
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await factory.CreateConnectionAsync(cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(attempt, 10));
                logger.LogWarning("The audit receiver cannot reach the broker yet ({Error}); retrying in {Wait}.", error.GetType().Name, wait);
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    private static async Task IgnoreClosedAsync(Func<Task> close)
    {
        try
        {
            await close();
        }
        catch (Exception error) when (error is RabbitMQ.Client.Exceptions.AlreadyClosedException
            or RabbitMQ.Client.Exceptions.OperationInterruptedException or ObjectDisposedException or IOException)
        {
            // Already closed, which is what was wanted.
        }
    }
}
