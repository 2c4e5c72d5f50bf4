using System.Diagnostics;
using MassTransit;

namespace Provisioner.Bench.AuditBench;

/// <summary>
/// Notes when each tracked message is stored. The audit consumer returns only after its batch has committed, so
/// <see cref="PostConsume{T}"/> is the moment the entry is in PostgreSQL with its hash chain: publish→stored lag is
/// measured on one <see cref="Stopwatch"/> clock, in one process.
/// </summary>
internal sealed class StoredRecorder : IConsumeObserver
{
    private volatile Run? current;

    public Run Track(IReadOnlyList<Guid> messageIds)
    {
        var run = new Run(messageIds);
        current = run;
        return run;
    }

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        current?.Stored(context.MessageId);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
    {
        if (current is { } run)
        {
            Interlocked.Increment(ref run.Faults);
        }

        return Task.CompletedTask;
    }

    /// <summary>One measured phase: publish and store timestamps per message, by index.</summary>
    internal sealed class Run
    {
        private readonly Dictionary<Guid, int> index;
        private readonly TaskCompletionSource allStored = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int stored;

        /// <summary>Failed consume attempts (each is retried by the service; a count above 0 means batches failed).</summary>
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

        public void Stored(Guid? messageId)
        {
            if (messageId is not { } id || !index.TryGetValue(id, out var i))
            {
                return;
            }

            // A redelivery of a stored message (it cannot happen without a broker failure) keeps the first time.
            if (Interlocked.CompareExchange(ref StoredAt[i], Stopwatch.GetTimestamp(), 0) == 0
                && Interlocked.Increment(ref stored) == StoredAt.Length)
            {
                allStored.TrySetResult();
            }
        }
    }
}
