using MassTransit;
using Microsoft.EntityFrameworkCore;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Saga;

/// <summary>The runner's transitions between steps: choose the next one, start it, send it, or fail the attempt.</summary>
public sealed partial class JobRunner
{
    /// <summary>The snapshot is decided: choose-snapshot ends and create-location starts.</summary>
    /// <param name="recordBefore">What this consume recorded of the job's start, recorded here after the command.</param>
    private Task UseSnapshotAsync(
        ProvisioningState saga, ConsumeContext context, string snapshotId, string source, string reason, Func<Task> recordBefore)
    {
        var ct = context.CancellationToken;
        var attempt = Math.Max(saga.Attempt, 1);
        saga.Progress.SnapshotId = snapshotId;
        saga.Progress.SnapshotReason = reason;
        return NextStepAsync(saga, context, async () =>
        {
            await recordBefore();
            await recorder.SnapshotChosenAsync(saga.CorrelationId, snapshotId, source, reason, ct);
            await recorder.StepCompletedAsync(saga.CorrelationId, ProvisioningSteps.ChooseSnapshot, attempt,
                $"{snapshotId} ({(source == "request" ? "given by the intake" : source)})", saga.Progress.LocationId, ct);
        });
    }

    /// <summary>
    /// The current step succeeded (<paramref name="recordCompleted"/> records it): start the next one, or end the job.
    /// The next step's command is sent before this consume's progress events are published, so it is delivered first:
    /// the outbox sends its messages one at a time, each waiting for its broker confirm (≈ 1.5 ms), and the next step
    /// need not wait behind two or five events. Events keep their order among themselves; the next step's own events
    /// come from a later consume, which never had an order with this one's.
    /// </summary>
    private async Task<RunOutcome> NextStepAsync(ProvisioningState saga, ConsumeContext context, Func<Task> recordCompleted)
    {
        var ct = context.CancellationToken;
        if (ProvisioningSteps.After(saga.CurrentStep!) is not { } next)
        {
            await recordCompleted();
            await recorder.SucceededAsync(saga.CorrelationId, ct);
            await admissions.ReleaseAsync(saga.AgencyId, saga.CorrelationId, ct);
            return RunOutcome.Succeeded;
        }

        EnterStep(saga, next);

        // Every step goes by message, even the first snapshot poll that needs no wait. Run inline (one hop, ≈ 25–35 ms,
        // less per job) it held create-location's completion events until the poll's GHL call returned, so live progress
        // showed them one GHL call late (the SSE benchmark's p99 went from 135–204 to 267–277 ms, over its 250 ms target).
        await SendStepAsync(saga, context, TimeSpan.Zero);
        await recordCompleted();
        await RecordStepStartedAsync(saga, ct);
        return RunOutcome.Continue;
    }

    /// <summary>Moves the saga to <paramref name="step"/>: a new attempt of it, or its first (which starts its clock).</summary>
    private void EnterStep(ProvisioningState saga, string step)
    {
        saga.Attempt = saga.Attempt > 0 && saga.CurrentStep == step ? saga.Attempt + 1 : 1;
        saga.CurrentStep = step;
        saga.Polls = 0;
        if (saga.Attempt == 1)
        {
            saga.StepStartedAt = clock.GetUtcNow();
        }
    }

    private Task RecordStepStartedAsync(ProvisioningState saga, CancellationToken ct) =>
        recorder.StepStartedAsync(saga.CorrelationId, saga.CurrentStep!, saga.Attempt, ct);

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
            EnterStep(saga, step);
            await RecordStepStartedAsync(saga, ct);
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
