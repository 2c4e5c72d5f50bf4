using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Provisioner.GhlClient.RateLimiting;

/// <summary>
/// One <see cref="SlidingWindowLog"/> per resource, with a FIFO queue of waiters in front of it. Waits run on the
/// injected <see cref="TimeProvider"/>, so tests drive them with a fake clock.
/// </summary>
public sealed class InProcessGhlRateBudget(IOptions<GhlClientOptions> options, TimeProvider timeProvider) : IGhlRateBudget
{
    private readonly ConcurrentDictionary<string, Resource> _resources = new();

    public async ValueTask<GhlRateLease> AcquireAsync(string resourceKey, string operation, CancellationToken cancellationToken)
    {
        var resource = Get(resourceKey);
        var started = timeProvider.GetTimestamp();

        // SemaphoreSlim hands itself to async waiters in arrival order: the queue is fair.
        await resource.Queue.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var now = timeProvider.GetUtcNow();
                GhlRateDecision decision;
                SlidingWindowLog.Slot? slot;
                Task completed;
                lock (resource)
                {
                    decision = resource.Log.TryAcquire(now, out slot);
                    completed = resource.Completed.Task;
                }

                if (slot is not null)
                {
                    return new GhlRateLease(timeProvider.GetElapsedTime(started), () => Complete(resource, slot));
                }

                if (decision.DailyExhausted)
                {
                    throw new GhlRateLimitExceededException(operation, resourceKey, now + decision.RetryAfter);
                }

                // Wake at the earliest expiry, or sooner when an in-flight request of this resource completes.
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(Task.Delay(decision.RetryAfter, timeProvider, wake.Token), completed);
                await wake.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            resource.Queue.Release();
        }
    }

    public ValueTask ObserveAsync(string resourceKey, GhlRateLimitHeaders headers, bool rateLimited, CancellationToken cancellationToken)
    {
        var resource = Get(resourceKey);
        lock (resource)
        {
            resource.Log.Observe(timeProvider.GetUtcNow(), headers, rateLimited);
        }

        return ValueTask.CompletedTask;
    }

    private void Complete(Resource resource, SlidingWindowLog.Slot slot)
    {
        TaskCompletionSource signal;
        lock (resource)
        {
            resource.Log.Complete(slot, timeProvider.GetUtcNow());
            signal = resource.Completed;
            resource.Completed = NewSignal();
        }

        signal.TrySetResult();
    }

    private Resource Get(string resourceKey) =>
        _resources.GetOrAdd(resourceKey, _ => new Resource(new SlidingWindowLog(GhlRateLimits.From(options.Value), options.Value.SafetyMargin)));

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Resource(SlidingWindowLog log)
    {
        public SlidingWindowLog Log { get; } = log;

        public SemaphoreSlim Queue { get; } = new(1, 1);

        public TaskCompletionSource Completed { get; set; } = NewSignal();
    }
}
