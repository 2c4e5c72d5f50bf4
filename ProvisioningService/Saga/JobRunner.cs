using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Provisioner.Contracts.Advisor;
using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Jobs;
using Provisioner.ProvisioningService.Steps;
using Provisioner.ServiceDefaults.Errors;

namespace Provisioner.ProvisioningService.Saga;

/// <summary>
/// The side effects of <see cref="ProvisioningStateMachine"/>: running steps, deciding the snapshot, retrying, cancelling
/// and compensating. Every method runs inside the saga's consume transaction; what it records (job rows, events) and
/// sends (through the consume outbox) commits with the saga's new state or not at all.
/// </summary>
public sealed partial class JobRunner(
    ProvisioningDbContext db,
    JobRecorder recorder,
    JobAdmissions admissions,
    StepCatalog steps,
    JobCancellation cancellation,
    IOptions<JobRunOptions> runOptions,
    IOptions<StepOptions> stepOptions,
    TimeProvider clock,
    ILogger<JobRunner> logger)
{
    public void Initialize(ProvisioningState saga, string agencyId, string? snapshotId)
    {
        saga.AgencyId = agencyId;
        saga.Progress.SnapshotId ??= snapshotId;
    }

    /// <summary>Admits the agency's next jobs; true when this job is one of them (it starts in the same consume).</summary>
    public Task<bool> AdmitAsync(ProvisioningState saga, CancellationToken ct) => admissions.AdmitAsync(saga.AgencyId, ct, saga.CorrelationId);

    /// <summary>
    /// The job got a run slot: start at the beginning, or resume at the step that failed. As at every step boundary
    /// (<see cref="NextStepAsync"/>), the step's command is sent before this consume's events are recorded.
    /// </summary>
    public async Task BeginAsync(ProvisioningState saga, ConsumeContext context)
    {
        var ct = context.CancellationToken;
        var resumedFrom = saga.CurrentStep;
        if (resumedFrom is not (null or ProvisioningSteps.ChooseSnapshot))
        {
            EnterStep(saga, resumedFrom);
            await SendStepAsync(saga, context, TimeSpan.Zero);
            await recorder.StartedAsync(saga.CorrelationId, resumedFrom, ct);
            await RecordStepStartedAsync(saga, ct);
            return;
        }

        EnterStep(saga, ProvisioningSteps.ChooseSnapshot);
        var chooseAttempt = saga.Attempt;
        async Task RecordStartAsync()
        {
            await recorder.StartedAsync(saga.CorrelationId, resumedFrom, ct);
            await recorder.StepStartedAsync(saga.CorrelationId, ProvisioningSteps.ChooseSnapshot, chooseAttempt, ct);
        }

        var intake = IntakeHash.Deserialize((await JobAsync(saga.CorrelationId, ct)).Intake);

        // From the stored intake, not only from ProvisioningRequested: another job's admission can start this one
        // before its own request message is consumed, and then the instance was created without it.
        if ((saga.Progress.SnapshotId ??= intake.SnapshotId) is { } requested)
        {
            await UseSnapshotAsync(saga, context, requested, "request", "The intake named this snapshot.", RecordStartAsync);
            return;
        }

        await RecordStartAsync();
        var business = intake.Business;
        await context.Publish(new RecommendSnapshot(saga.CorrelationId, saga.AgencyId, new AdvisorBusiness(
            business.Name, business.Email, business.Phone, business.Website, business.Address, business.City, business.State,
            business.PostalCode, business.Country, business.Timezone, business.Industry, business.Description, null)), ct);
    }

    /// <summary>
    /// The advisor answered, failed or timed out (<paramref name="advice"/> null, <paramref name="noAdvice"/> says why).
    /// A confident pick is used; otherwise the agency's default snapshot; otherwise the job fails with the reason.
    /// </summary>
    public async Task<RunOutcome> ApplyAdviceAsync(ProvisioningState saga, ConsumeContext context, SnapshotRecommended? advice, string? noAdvice)
    {
        var agencyDefault = await db.AgencySettings.AsNoTracking().Where(s => s.AgencyId == saga.AgencyId)
            .Select(s => s.DefaultSnapshotId).SingleOrDefaultAsync(context.CancellationToken);
        var decision = SnapshotDecision.From(advice, noAdvice, agencyDefault);
        if (decision.SnapshotId is { } chosen)
        {
            await UseSnapshotAsync(saga, context, chosen, decision.Source, decision.Reason, () => Task.CompletedTask);
            return RunOutcome.Continue;
        }

        return await FailAsync(saga, context, ProvisioningSteps.ChooseSnapshot, saga.Attempt, decision.Reason, retryable: false);
    }

    /// <summary>Runs one attempt (or poll) of the current step, then sends what comes next.</summary>
    public async Task<RunOutcome> RunStepAsync(ProvisioningState saga, ConsumeContext context, RunProvisioningStep message)
    {
        var ct = context.CancellationToken;
        if (message.Token != saga.StepToken || message.Step != saga.CurrentStep)
        {
            return RunOutcome.Ignored;
        }

        if (saga.CancelRequested)
        {
            return await cancellation.CancelNowAsync(saga, ct);
        }

        return await RunCurrentStepAsync(saga, context);
    }

    /// <summary>A failed job goes back to its agency's queue and resumes at the failed step when it gets a slot.</summary>
    public async Task RetryAsync(ProvisioningState saga, string actor, CancellationToken ct)
    {
        saga.Attempt = 0;
        saga.Polls = 0;
        await recorder.RetriedAsync(saga.CorrelationId, saga.CurrentStep, actor, ct);
        await admissions.ReleaseAsync(saga.AgencyId, saga.CorrelationId, ct);
    }

    /// <summary>
    /// A running job stops at the next step boundary: the flag is read by the next <see cref="RunProvisioningStep"/>,
    /// which is sent now (with a new token, so a pending poll or backoff does not delay the cancel).
    /// </summary>
    public async Task RequestCancelAsync(ProvisioningState saga, ConsumeContext context, string actor)
    {
        saga.CancelRequested = true;
        saga.CancelActor = actor;
        await recorder.CancelRequestedAsync(saga.CorrelationId, actor, context.CancellationToken);
        await SendStepAsync(saga, context, TimeSpan.Zero);
    }

    /// <summary>One attempt (or poll) of <see cref="ProvisioningState.CurrentStep"/>, started and checked by the caller.</summary>
    private async Task<RunOutcome> RunCurrentStepAsync(ProvisioningState saga, ConsumeContext context)
    {
        var ct = context.CancellationToken;
        var step = saga.CurrentStep ?? throw new InvalidOperationException($"Job {saga.CorrelationId} has no current step to run.");

        // Tracked, with its steps: the recorder writes to this same entity, so the job is read once per consume.
        var job = await JobAsync(saga.CorrelationId, ct);
        var stepContext = new StepContext(saga.CorrelationId, saga.AgencyId, IntakeHash.Deserialize(job.Intake), saga.Attempt,
            saga.Progress, saga.StepStartedAt ?? clock.GetUtcNow());
        StepResult result;
        try
        {
            using var agency = GhlAgencyScope.Begin(saga.AgencyId);
            result = await steps.Get(step).RunAsync(stepContext, ct);
        }
        // A database outage (our ledger, or a pooled connection broken by a PostgreSQL restart) is no verdict on the
        // step: it propagates, the consume rolls back and Messaging's outage retry runs the step again later.
        catch (Exception error) when (!ct.IsCancellationRequested && !DatabaseFailures.IsTransient(error))
        {
            var retryable = StepFailureClassifier.IsRetryable(error);
            var description = StepFailureClassifier.Describe(error);
            logger.LogWarning("Job {JobId} step {Step} attempt {Attempt} failed ({Retryable}): {Error}",
                saga.CorrelationId, saga.CurrentStep, saga.Attempt, retryable ? "retryable" : "permanent", description);
            // GHL's (or AuthService's) Retry-After is a floor for the next attempt: retrying sooner meets another 429.
            var notBefore = (error as GhlApiException)?.RetryAfter;
            return await FailAsync(saga, context, step, saga.Attempt, description, retryable, notBefore);
        }

        switch (result)
        {
            case StepResult.Waiting waiting:
                saga.Polls++;
                await recorder.SnapshotLoadProgressedAsync(saga.CorrelationId, saga.Progress.LocationId ?? string.Empty,
                    saga.Progress.SnapshotId ?? string.Empty, waiting.Status, waiting.PercentComplete, saga.Polls, waiting.Detail, ct);
                await SendStepAsync(saga, context, stepOptions.Value.SnapshotPollInterval);
                return RunOutcome.Continue;
            case StepResult.Completed completed:
                var attempt = saga.Attempt;
                return await NextStepAsync(saga, context,
                    () => recorder.StepCompletedAsync(saga.CorrelationId, step, attempt, completed.Detail, saga.Progress.LocationId, ct));
            default:
                throw new InvalidOperationException($"Unknown step result {result.GetType().Name}.");
        }
    }
}
