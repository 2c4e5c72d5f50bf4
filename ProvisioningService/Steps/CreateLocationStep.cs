using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Models;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// Creates the sub-account with the job's snapshot — exactly once. Before the POST the attempt is committed to
/// <see cref="LocationCreateLedger"/>; a later run that finds an attempt without a known location searches the
/// agency's locations for this business (name and e-mail) and adopts a single match instead of creating a second one.
/// </summary>
public sealed class CreateLocationStep(
    GhlLocationsApi locations,
    LocationCreateLedger ledger,
    IOptions<StepOptions> options,
    TimeProvider time,
    ILogger<CreateLocationStep> logger) : IProvisioningStep
{
    public string Name => ProvisioningSteps.CreateLocation;

    public async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var progress = context.Progress;
        if (progress.LocationId is { } known)
        {
            return new StepResult.Completed($"location {known} already created");
        }

        var snapshotId = progress.SnapshotId
            ?? throw new StepFailedException("No snapshot was chosen for this job, so no location can be created.", retryable: false);

        var attempt = await ledger.FindAsync(context.JobId, context.AgencyId, cancellationToken);
        if (attempt?.LocationId is { } recorded)
        {
            // Created by a run whose saga transaction rolled back after the ledger noted the id.
            return Adopt(progress, recorded, "recorded by an earlier attempt");
        }

        if (attempt is not null && await FindEarlierAsync(context, cancellationToken) is { } found)
        {
            await ledger.RecordLocationAsync(context.JobId, context.AgencyId, found, cancellationToken);
            return Adopt(progress, found, "found in GHL after an interrupted attempt");
        }

        var business = context.Intake.Business;
        await ledger.RecordAttemptAsync(context.JobId, context.AgencyId, business.Name, business.Email, time.GetUtcNow(), cancellationToken);

        // GhlAmbiguousCreateException (timeout, 5xx) propagates: it is retryable, and the next run looks first.
        var created = await locations.CreateAsync(LocationRequests.Create(context.AgencyId, snapshotId, context.Intake), cancellationToken);
        var locationId = created.Id
            ?? throw new StepFailedException("GHL created the location but returned no id; find it in GHL by hand.", retryable: false);
        await ledger.RecordLocationAsync(context.JobId, context.AgencyId, locationId, cancellationToken);
        progress.LocationId = locationId;
        logger.LogInformation("Job {JobId}: location {LocationId} created with snapshot {SnapshotId}", context.JobId, locationId, snapshotId);
        return new StepResult.Completed($"location {locationId} created with snapshot {snapshotId}");
    }

    private StepResult.Completed Adopt(JobProgress progress, string locationId, string how)
    {
        progress.LocationId = locationId;
        logger.LogInformation("Location {LocationId} adopted: {How}", locationId, how);
        return new StepResult.Completed($"location {locationId} adopted ({how})");
    }

    /// <summary>
    /// The location an interrupted attempt may have created: same name and e-mail, not claimed by another job.
    /// None → null (create); several → a person must choose (creating a third would only make it worse).
    /// </summary>
    private async Task<string?> FindEarlierAsync(StepContext context, CancellationToken cancellationToken)
    {
        var business = context.Intake.Business;
        var candidates = new List<string>();
        var pageSize = options.Value.LocationSearchPageSize;
        for (var skip = 0; ; skip += pageSize)
        {
            // The spec's search filters by e-mail only; the name is matched here. No total count: page until short.
            var page = await locations.SearchAsync(
                GhlTokenRequest.Agency(context.AgencyId),
                new GhlLocationSearchQuery { CompanyId = context.AgencyId, Email = business.Email, Skip = skip, Limit = pageSize },
                cancellationToken);
            candidates.AddRange(page.Where(l => Matches(l, business.Name, business.Email)).Select(l => l.Id!));
            if (page.Count < pageSize)
            {
                break;
            }
        }

        if (candidates.Count > 0)
        {
            var claimed = await ledger.ClaimedByOtherJobsAsync(context.JobId, context.AgencyId, candidates, cancellationToken);
            candidates.RemoveAll(claimed.Contains);
        }

        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            var n => throw new StepFailedException(
                $"Found {n} candidate locations named '{business.Name}' with e-mail {business.Email} ({string.Join(", ", candidates)}) " +
                "after an interrupted create; a person must choose which one belongs to this job (or delete the extras) before retrying.",
                retryable: false),
        };
    }

    private static bool Matches(GhlLocationSummary location, string name, string email) =>
        location.Id is not null
        && string.Equals(location.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(location.Email?.Trim(), email, StringComparison.OrdinalIgnoreCase);
}
