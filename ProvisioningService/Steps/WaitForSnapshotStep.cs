using Microsoft.Extensions.Options;
using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient.Apis;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// One poll of the snapshot load (GHL has no completion webhook): done when GHL no longer says "processing" and
/// nothing is pending; otherwise <see cref="StepResult.Waiting"/> with the asset counts, and the saga polls again after
/// <see cref="StepOptions.SnapshotPollInterval"/> until <see cref="StepOptions.SnapshotLoadTimeout"/>.
/// </summary>
public sealed class WaitForSnapshotStep(GhlSnapshotsApi snapshots, IOptions<StepOptions> options, TimeProvider time) : IProvisioningStep
{
    public string Name => ProvisioningSteps.WaitForSnapshot;

    public async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var (snapshotId, locationId) = (context.Progress.SnapshotId, context.Progress.LocationId);
        if (snapshotId is null || locationId is null)
        {
            throw new StepFailedException("The job has no location or snapshot to wait for.", retryable: false);
        }

        var status = await snapshots.GetLoadStatusAsync(context.AgencyId, snapshotId, locationId, cancellationToken);
        var (completed, pending) = (status.Completed?.Count ?? 0, status.Pending?.Count ?? 0);
        var state = status.Status ?? "unknown";
        if (IsFailed(state))
        {
            throw new StepFailedException(
                $"GHL reports the snapshot load as '{state}' ({completed} of {completed + pending} assets loaded; pending: {string.Join(", ", status.Pending ?? [])}).",
                retryable: false);
        }

        if (!string.Equals(state, "processing", StringComparison.OrdinalIgnoreCase) && pending == 0)
        {
            return new StepResult.Completed($"snapshot loaded: {completed} assets");
        }

        var timeout = options.Value.SnapshotLoadTimeout;
        if (time.GetUtcNow() - context.StepStartedAt >= timeout)
        {
            throw new StepFailedException(
                $"The snapshot load did not finish within {timeout}: GHL still reports '{state}' with {completed} of {completed + pending} assets loaded.",
                retryable: false);
        }

        var total = completed + pending;
        var percent = total == 0 ? 0 : (int)Math.Round(100.0 * completed / total);
        return new StepResult.Waiting(state, percent, $"{completed} of {total} assets");
    }

    // GHL documents only "processing" (BRIEF §3.6); anything naming a failure is taken as final.
    private static bool IsFailed(string status) =>
        status.Contains("fail", StringComparison.OrdinalIgnoreCase) || status.Equals("error", StringComparison.OrdinalIgnoreCase)
        || status.Equals("cancelled", StringComparison.OrdinalIgnoreCase) || status.Equals("canceled", StringComparison.OrdinalIgnoreCase);
}
