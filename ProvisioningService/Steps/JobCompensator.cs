using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Models;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// Undoes what <see cref="JobProgress"/> says this job made, newest first: its users, its custom value changes
/// (restored, or deleted when it created them), then the location. Each undo is tried on its own; one GHL refusal does
/// not stop the rest. A resource already gone counts as undone, so compensating twice is harmless. GHL usually refuses
/// to delete locations for apps (<c>locations.internal-access-only</c>): that lands in NotUndone with GHL's answer.
/// What the steps' ledgers hold beyond the progress (a location or custom value change whose record was lost with a
/// rolled-back saga transaction) is merged in first, so nothing this job made is left out.
/// </summary>
public sealed class JobCompensator(
    GhlUsersApi users,
    GhlCustomValuesApi customValues,
    GhlLocationsApi locations,
    LocationCreateLedger locationLedger,
    CustomValueLedger customValueLedger,
    IOptions<StepOptions> options,
    ILogger<JobCompensator> logger) : IJobCompensator
{
    public async Task<CompensationReport> CompensateAsync(Guid jobId, string agencyId, JobProgress progress, CancellationToken cancellationToken)
    {
        var (undone, notUndone) = (new List<string>(), new List<string>());

        // Custom values take a location token, minted from the agency's: the token provider reads the agency here.
        using var agency = GhlAgencyScope.Begin(agencyId);
        progress.LocationId ??= (await locationLedger.FindAsync(jobId, agencyId, cancellationToken))?.LocationId;
        await customValueLedger.MergeIntoAsync(jobId, agencyId, progress, cancellationToken);

        async Task Undo(string what, Func<Task> action, string doneText, string goneText)
        {
            try
            {
                await action();
                undone.Add($"{what} {doneText}");
            }
            catch (Exception error) when (GhlErrors.IsGone(error))
            {
                undone.Add($"{what} {goneText}");
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Job {JobId}: could not undo {What}: {Reason}", jobId, what, StepFailureClassifier.Describe(error));
                notUndone.Add($"{what} not undone: {StepFailureClassifier.Describe(error)}");
            }
        }

        foreach (var userId in progress.CreatedUserIds)
        {
            await Undo($"user {userId}", () => users.DeleteAsync(GhlTokenRequest.Agency(agencyId), userId, cancellationToken), "deleted", "already deleted");
        }

        if (progress.LocationId is { } locationId)
        {
            foreach (var change in progress.CustomValueChanges)
            {
                var what = $"custom value {change.Id} ('{change.Name}')";
                if (change.PreviousValue is { } previous)
                {
                    // A value that has vanished cannot be restored: that is for a person to look at, not "undone".
                    await Undo(
                        what,
                        async () =>
                        {
                            try
                            {
                                await customValues.UpdateAsync(locationId, change.Id, new GhlCustomValueRequest { Name = change.Name, Value = previous }, cancellationToken);
                            }
                            catch (GhlApiException gone) when (GhlErrors.IsGone(gone))
                            {
                                throw new StepFailedException("it no longer exists in GHL, so its previous value cannot be restored", retryable: false, gone);
                            }
                        },
                        "restored to its previous value",
                        "already gone");
                }
                else
                {
                    await Undo(what, () => customValues.DeleteAsync(locationId, change.Id, cancellationToken), "deleted", "already deleted");
                }
            }

            await Undo(
                $"location {locationId}",
                () => locations.DeleteAsync(agencyId, locationId, options.Value.DeleteTwilioAccountWithLocation, cancellationToken),
                "deleted",
                "already deleted");
        }

        logger.LogInformation("Job {JobId}: compensation undid {Undone} item(s), could not undo {NotUndone}", jobId, undone.Count, notUndone.Count);
        return new CompensationReport(undone, notUndone);
    }
}
