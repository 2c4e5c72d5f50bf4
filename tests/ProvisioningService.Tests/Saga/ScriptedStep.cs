using System.Collections.Concurrent;
using Npgsql;
using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Saga;

/// <summary>
/// A step whose runs follow a script (one entry per run; the last repeats). Records every run so tests can check the
/// saga ran what it should, in order, and no more.
/// </summary>
internal sealed class ScriptedStep(string name, SagaScript script) : IProvisioningStep
{
    public string Name => name;

    public Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var run = script.Record(name, context);
        if (name == ProvisioningSteps.CreateLocation)
        {
            context.Progress.LocationId ??= $"loc-{context.JobId:N}";
        }

        if (name == ProvisioningSteps.Users && run.Outcome is Outcome.Complete)
        {
            context.Progress.CreatedUserIds.Add($"user-{context.JobId:N}");
        }

        return run.Outcome switch
        {
            Outcome.Complete => Task.FromResult<StepResult>(new StepResult.Completed($"{name} done")),
            Outcome.Wait => Task.FromResult<StepResult>(new StepResult.Waiting("in_progress", 50, "1 of 2 assets")),
            Outcome.Transient => throw new StepFailedException($"{name}: GHL answered 503", retryable: true),
            Outcome.Permanent => throw new StepFailedException($"{name}: GHL answered 422 (bad data)", retryable: false),
            Outcome.RateLimited => throw new GhlApiException($"{name}.call", System.Net.HttpStatusCode.TooManyRequests, ["Too many requests"], null)
            {
                RetryAfter = SagaScript.RateLimitedRetryAfter,
            },
            Outcome.DatabaseOutage => throw new NpgsqlException($"{name}: the database connection broke", new IOException("connection reset")),
            _ => throw new InvalidOperationException(),
        };
    }
}

internal enum Outcome
{
    Complete,
    Wait,
    Transient,
    Permanent,

    /// <summary>A 429 whose Retry-After (<see cref="SagaScript.RateLimitedRetryAfter"/>) is longer than the retry backoff.</summary>
    RateLimited,

    /// <summary>A transient database failure: no verdict on the step, the whole consume rolls back and is retried.</summary>
    DatabaseOutage,
}

internal sealed record StepRun(string Step, int Attempt, Outcome Outcome, DateTimeOffset At);

/// <summary>Per-step scripts shared by the scripted steps of one test.</summary>
internal sealed class SagaScript
{
    public static readonly TimeSpan RateLimitedRetryAfter = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Queue<Outcome>> plans = new();
    private readonly ConcurrentQueue<StepRun> runs = new();

    public IReadOnlyList<StepRun> Runs => [.. runs];

    public SagaScript Plan(string step, params Outcome[] outcomes)
    {
        plans[step] = new Queue<Outcome>(outcomes);
        return this;
    }

    public StepRun Record(string step, StepContext context)
    {
        var outcome = Outcome.Complete;
        if (plans.TryGetValue(step, out var plan))
        {
            lock (plan)
            {
                outcome = plan.Count > 1 ? plan.Dequeue() : plan.Count == 1 ? plan.Peek() : Outcome.Complete;
            }
        }

        var run = new StepRun(step, context.Attempt, outcome, DateTimeOffset.UtcNow);
        runs.Enqueue(run);
        return run;
    }
}

/// <summary>Records what it was asked to undo; reports the location as not deletable when told to.</summary>
internal sealed class RecordingCompensator : IJobCompensator
{
    public ConcurrentQueue<JobProgress> Calls { get; } = new();

    public bool RefuseLocation { get; set; }

    public Task<CompensationReport> CompensateAsync(Guid jobId, string agencyId, JobProgress progress, CancellationToken cancellationToken)
    {
        Calls.Enqueue(progress);
        var undone = progress.CreatedUserIds.Select(u => $"user {u} deleted").ToList();
        var notUndone = new List<string>();
        if (progress.LocationId is { } location)
        {
            (RefuseLocation ? notUndone : undone).Add(RefuseLocation ? $"location {location}: GHL refused the deletion" : $"location {location} deleted");
        }

        return Task.FromResult(new CompensationReport(undone, notUndone));
    }
}
