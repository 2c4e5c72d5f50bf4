using MassTransit;
using Microsoft.EntityFrameworkCore;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Saga;

/// <summary>The runner's transitions between steps: choose the next one, start it, send it, or fail the attempt.</summary>
public sealed partial class JobRunner
{
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

        // Every step goes by message, even the first snapshot poll that needs no wait. Run inline (one hop, ≈ 25–35 ms,
        // less per job) it held create-location's completion events until the poll's GHL call returned, so live progress
        // showed them one GHL call late (the SSE benchmark's p99 went from 135–204 to 267–277 ms, over its 250 ms target).
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
