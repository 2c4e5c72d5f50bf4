using System.Diagnostics;
using Provisioner.AuditService.Data;

namespace Provisioner.Bench.AuditBench;

/// <summary>
/// Notes when each tracked message is stored, from the service's own <see cref="AuditService.Ingestion.AuditWriter.BatchCompleted"/>
/// hook: it is raised right after a batch's transaction commits, so that is the moment the entry is in PostgreSQL with
/// its hash chain (the receiver acknowledges the deliveries just after). Publish→stored lag is measured on one
/// <see cref="Stopwatch"/> clock, in one process.
/// </summary>
internal sealed class StoredRecorder
{
    private volatile Run? current;

    public Run Track(IReadOnlyList<Guid> messageIds)
    {
        var run = new Run(messageIds);
        current = run;
        return run;
    }

    /// <summary>Subscribed to the writer's <c>BatchCompleted</c> (see <see cref="BenchHost"/>).</summary>
    public void OnBatch(IReadOnlyList<AuditEntry> batch, Exception? error)
    {
        if (current is not { } run)
        {
            return;
        }

        if (error is not null)
        {
            // Each failed entry is retried by the receiver; a count above 0 means batches failed.
            Interlocked.Add(ref run.Faults, batch.Count);
            return;
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var entry in batch)
        {
            run.Stored(entry.MessageId, now);
        }
    }

    /// <summary>One measured phase: publish and store timestamps per message, by index.</summary>
    internal sealed class Run
    {
        private readonly Dictionary<Guid, int> index;
        private readonly TaskCompletionSource allStored = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int stored;

        /// <summary>Entries of failed batches (each is retried by the service).</summary>
        public int Faults;

        public Run(IReadOnlyList<Guid> messageIds)
        {
            index = messageIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
            PublishedAt = new long[messageIds.Count];
            StoredAt = new long[messageIds.Count];
        }

        public long[] PublishedAt { get; }

        public long[] StoredAt { get; }

        public int StoredCount => Volatile.Read(ref stored);

        public Task AllStored => allStored.Task;

        public void Stored(Guid messageId, long at)
        {
            if (!index.TryGetValue(messageId, out var i))
            {
                return;
            }

            // A redelivery of a stored message (it cannot happen without a broker failure) keeps the first time.
            if (Interlocked.CompareExchange(ref StoredAt[i], at, 0) == 0
                && Interlocked.Increment(ref stored) == StoredAt.Length)
            {
                allStored.TrySetResult();
            }
        }
    }
}
