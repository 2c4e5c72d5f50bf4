using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// The single writer: consumers hand it entries, it commits them in batches (one transaction each) and completes each
/// consumer's task only after the commit. One writer per process keeps each agency's chain in arrival order without
/// contention; batching turns a burst of small messages into a few large COPYs.
/// </summary>
public sealed class AuditWriter(AuditBatchStore store, IOptions<AuditIngestionOptions> options, ILogger<AuditWriter> logger)
    : BackgroundService
{
    private readonly Channel<PendingEntry> queue = Channel.CreateBounded<PendingEntry>(
        new BoundedChannelOptions(options.Value.MaxInFlight) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>
    /// Raised on the writer's loop after each batch commits (error null) or fails, with the batch's entries. For
    /// observers that time ingestion (the audit bench); keep handlers short, they hold up the next batch.
    /// </summary>
    public event Action<IReadOnlyList<AuditEntry>, Exception?>? BatchCompleted;

    /// <summary>Completes once the entry (or an earlier delivery of the same message) is committed.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        var pending = new PendingEntry(entry);
        await queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Stored.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batchSize = options.Value.BatchSize;
        var batch = new List<PendingEntry>(batchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // No linger: while one batch commits the next one fills, so batches grow with the load by themselves.
                while (batch.Count < batchSize && queue.Reader.TryRead(out var pending))
                {
                    batch.Add(pending);
                }

                await CommitAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        finally
        {
            // Entries left behind are failed, not dropped: their messages are not acknowledged and come back.
            queue.Writer.TryComplete();
            var stopped = new OperationCanceledException("The audit writer stopped before the entry was stored.");
            foreach (var pending in batch)
            {
                pending.MarkFailed(stopped);
            }

            while (queue.Reader.TryRead(out var left))
            {
                left.MarkFailed(stopped);
            }
        }
    }

    private async Task CommitAsync(List<PendingEntry> batch, CancellationToken stoppingToken)
    {
        try
        {
            await store.StoreAsync(batch, stoppingToken);
            foreach (var pending in batch)
            {
                pending.MarkStored();
            }

            BatchCompleted?.Invoke([.. batch.Select(p => p.Entry)], null);
        }
        catch (Exception error) when (error is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The consumers see the failure and their messages are retried; the writer keeps going with the next batch.
            logger.LogError(error, "Storing a batch of {Count} audit entries failed; their messages will be retried.", batch.Count);
            foreach (var pending in batch)
            {
                pending.MarkFailed(error);
            }

            BatchCompleted?.Invoke([.. batch.Select(p => p.Entry)], error);
        }
    }
}
