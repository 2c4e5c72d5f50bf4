using Provisioner.GhlClient;
using Provisioner.ProvisioningService.Jobs;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Saga;

/// <summary>
/// Ends a job on a cancel: <c>Cancelled</c> when it created nothing in GHL, else compensation and <c>Compensated</c>
/// (with what GHL refused to undo kept for a person). Either way the job's run slot goes to the next queued job.
/// </summary>
public sealed class JobCancellation(JobRecorder recorder, JobAdmissions admissions, IJobCompensator compensator)
{
    /// <summary>Cancel a job that is not running a step (queued, choosing its snapshot, or failed): stop now.</summary>
    public Task<RunOutcome> CancelStoppedAsync(ProvisioningState saga, string actor, CancellationToken ct)
    {
        saga.CancelRequested = true;
        saga.CancelActor = actor;
        return CancelNowAsync(saga, ct);
    }

    /// <summary>Carries out a cancel already requested on <paramref name="saga"/>.</summary>
    public async Task<RunOutcome> CancelNowAsync(ProvisioningState saga, CancellationToken ct)
    {
        var actor = saga.CancelActor ?? "system";
        var progress = saga.Progress;
        var outcome = RunOutcome.Cancelled;
        if (progress.LocationId is null && progress.CreatedUserIds.Count == 0 && progress.CustomValueChanges.Count == 0)
        {
            await recorder.CancelledAsync(saga.CorrelationId, actor, ct);
        }
        else
        {
            CompensationReport report;
            using (GhlAgencyScope.Begin(saga.AgencyId))
            {
                report = await compensator.CompensateAsync(saga.CorrelationId, saga.AgencyId, progress, ct);
            }

            await recorder.CompensatedAsync(saga.CorrelationId, actor, report.Undone, report.NotUndone, ct);
            outcome = RunOutcome.Compensated;
        }

        await admissions.ReleaseAsync(saga.AgencyId, saga.CorrelationId, ct);
        return outcome;
    }
}
