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

/// <summary>What the state machine does next after the runner handled a message.</summary>
public enum RunOutcome
{
    /// <summary>The job goes on (a next step, a poll or a retry is on its way).</summary>
    Continue,
    Ignored,
    Succeeded,
    Failed,
    Cancelled,
    Compensated,
}

/// <summary>
/// The side effects of <see cref="ProvisioningStateMachine"/>: running steps, deciding the snapshot, retrying, cancelling
/// and compensating. Every method runs inside the saga's consume transaction; what it records (job rows, events) and
/// sends (through the consume outbox) commits with the saga's new state or not at all.
/// </summary>
public sealed class JobRunner(
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

    /// <summary>The job got a run slot: start at the beginning, or resume at the step that failed.</summary>
    public async Task BeginAsync(ProvisioningState saga, ConsumeContext context)
    {
        var ct = context.CancellationToken;
        await recorder.StartedAsync(saga.CorrelationId, saga.CurrentStep, ct);
        if (saga.CurrentStep is null or ProvisioningSteps.ChooseSnapshot)
        {
            await StartStepAsync(saga, ProvisioningSteps.ChooseSnapshot, ct);
            var intake = IntakeHash.Deserialize((await JobAsync(saga.CorrelationId, ct)).Intake);

            // From the stored intake, not only from ProvisioningRequested: another job's admission can start this one
            // before its own request message is consumed, and then the instance was created without it.
            if ((saga.Progress.SnapshotId ??= intake.SnapshotId) is { } requested)
            {
                await UseSnapshotAsync(saga, context, requested, "request", "The intake named this snapshot.");
                return;
            }

            var business = intake.Business;
            await context.Publish(new RecommendSnapshot(saga.CorrelationId, saga.AgencyId, new AdvisorBusiness(
                business.Name, business.Email, business.Phone, business.Website, business.Address, business.City, business.State,
                business.PostalCode, business.Country, business.Timezone, business.Industry, business.Description, null)), ct);
            return;
        }

        await StartStepAsync(saga, saga.CurrentStep, ct);
        await SendStepAsync(saga, context, TimeSpan.Zero);
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
            await UseSnapshotAsync(saga, context, chosen, decision.Source, decision.Reason);
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

        // Tracked, with its steps: the recorder writes to this same entity, so the job is read once per consume.
        var job = await JobAsync(saga.CorrelationId, ct);
        var stepContext = new StepContext(saga.CorrelationId, saga.AgencyId, IntakeHash.Deserialize(job.Intake), saga.Attempt,
            saga.Progress, saga.StepStartedAt ?? clock.GetUtcNow());
        StepResult result;
        try
        {
            using var agency = GhlAgencyScope.Begin(saga.AgencyId);
            result = await steps.Get(saga.CurrentStep).RunAsync(stepContext, ct);
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
            return await FailAsync(saga, context, saga.CurrentStep, saga.Attempt, description, retryable, notBefore);
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
                await recorder.StepCompletedAsync(saga.CorrelationId, saga.CurrentStep, saga.Attempt, completed.Detail, saga.Progress.LocationId, ct);
                return await NextStepAsync(saga, context);
            default:
                throw new InvalidOperationException($"Unknown step result {result.GetType().Name}.");
        }
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

    private async Task UseSnapshotAsync(ProvisioningState saga, ConsumeContext context, string snapshotId, string source, string reason)
    {
        var ct = context.CancellationToken;
        saga.Progress.SnapshotId = snapshotId;
        saga.Progress.SnapshotReason = reason;
        await recorder.SnapshotChosenAsync(saga.CorrelationId, snapshotId, source, reason, ct);
        await recorder.StepCompletedAsync(saga.CorrelationId, ProvisioningSteps.ChooseSnapshot, Math.Max(saga.Attempt, 1),
            $"{snapshotId} ({(source == "request" ? "given by the intake" : source)})", saga.Progress.LocationId, ct);
        await NextStepAsync(saga, context);
    }

    private async Task<RunOutcome> NextStepAsync(ProvisioningState saga, ConsumeContext context)
    {
        var ct = context.CancellationToken;
        if (ProvisioningSteps.After(saga.CurrentStep!) is not { } next)
        {
            await recorder.SucceededAsync(saga.CorrelationId, ct);
            await admissions.ReleaseAsync(saga.AgencyId, saga.CorrelationId, ct);
            return RunOutcome.Succeeded;
        }

        await StartStepAsync(saga, next, ct);
        await SendStepAsync(saga, context, TimeSpan.Zero);
        return RunOutcome.Continue;
    }

    private async Task StartStepAsync(ProvisioningState saga, string step, CancellationToken ct)
    {
        saga.Attempt = saga.Attempt > 0 && saga.CurrentStep == step ? saga.Attempt + 1 : 1;
        saga.CurrentStep = step;
        saga.Polls = 0;
        if (saga.Attempt == 1)
        {
            saga.StepStartedAt = clock.GetUtcNow();
        }

        await recorder.StepStartedAsync(saga.CorrelationId, step, saga.Attempt, ct);
    }

    private async Task<ProvisioningJob> JobAsync(Guid jobId, CancellationToken ct) =>
        db.Jobs.Local.FirstOrDefault(j => j.Id == jobId)
        ?? await db.Jobs.Include(j => j.Steps).SingleAsync(j => j.Id == jobId, ct);

    private async Task<RunOutcome> FailAsync(
        ProvisioningState saga, ConsumeContext context, string step, int attempt, string error, bool retryable, TimeSpan? notBefore = null)
    {
        var ct = context.CancellationToken;
        var again = retryable && attempt < runOptions.Value.MaxAttempts;
        await recorder.StepFailedAsync(saga.CorrelationId, step, attempt, error, retryable, final: !again, ct);
        if (again)
        {
            await StartStepAsync(saga, step, ct);
            var backoff = runOptions.Value.BackoffBefore(saga.Attempt);
            await SendStepAsync(saga, context, notBefore > backoff ? notBefore.Value : backoff);
            return RunOutcome.Continue;
        }

        await recorder.FailedAsync(saga.CorrelationId, step, error, ct);
        await admissions.ReleaseAsync(saga.AgencyId, saga.CorrelationId, ct);
        return RunOutcome.Failed;
    }

    /// <summary>Sends the current step to this saga's own queue (not published: it is an internal command).</summary>
    private async Task SendStepAsync(ProvisioningState saga, ConsumeContext context, TimeSpan delay)
    {
        saga.StepToken = NewId.NextGuid();
        var message = new RunProvisioningStep(saga.CorrelationId, saga.AgencyId, saga.CurrentStep!, saga.Attempt, saga.StepToken);
        var address = context.ReceiveContext.InputAddress;
        if (delay <= TimeSpan.Zero)
        {
            var endpoint = await context.GetSendEndpoint(address);
            await endpoint.Send(message, context.CancellationToken);
        }
        else
        {
            await context.ScheduleSend(address, delay, message, context.CancellationToken);
        }
    }
}
