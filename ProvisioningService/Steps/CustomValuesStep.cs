using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Provisioner.Contracts.Provisioning;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Models;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// Sets the location's custom values with a location token: updates those the snapshot created (matched by name,
/// case-insensitively; GHL's name is kept so the snapshot's <c>{{custom_values.*}}</c> keys keep working), creates
/// the missing ones, and leaves equal ones alone. Every change is recorded once, with the value it replaced, so
/// compensation can restore it; a re-run never overwrites that original previous value. The record is also committed
/// to <see cref="CustomValueLedger"/> (twice per run, not once per value: intents before the first write, created ids
/// after the last), so a crash that rolls back the saga's copy loses nothing.
/// </summary>
public sealed class CustomValuesStep(
    GhlCustomValuesApi customValues,
    CustomValueLedger ledger,
    IOptions<StepOptions> options,
    ILogger<CustomValuesStep> logger) : IProvisioningStep
{
    public string Name => ProvisioningSteps.CustomValues;

    public async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        var progress = context.Progress;
        var locationId = progress.LocationId
            ?? throw new StepFailedException("The job has no location to set custom values in.", retryable: false);
        var targets = CustomValueTargets.For(context.Intake, progress.SnapshotId, options.Value);

        // Custom values take a location token, minted from the agency's: the token provider reads the agency here.
        using var agency = GhlAgencyScope.Begin(context.AgencyId);
        var existing = await customValues.ListAsync(locationId, cancellationToken);

        var updates = new List<(CustomValueChange Change, string Value)>();
        var creates = new List<(string Name, string Value)>();
        foreach (var (name, value) in targets)
        {
            var current = Find(existing, name);
            if (current is null)
            {
                creates.Add((name, value));
            }
            else if (!string.Equals(current.Value, value, StringComparison.Ordinal))
            {
                updates.Add((new CustomValueChange(current.Id!, current.Name ?? name, current.Value ?? string.Empty), value));
            }
        }

        // One ledger write before the first GHL write: the previous values (if a PUT's answer is lost, restoring the old
        // value is still right) and the names about to be created (if a POST's answer is lost with the process, the next
        // run recognises the value as this job's).
        if (updates.Count + creates.Count > 0)
        {
            await ledger.RecordIntentsAsync(context.JobId, context.AgencyId, [.. updates.Select(u => u.Change)], [.. creates.Select(c => c.Name)], cancellationToken);
        }

        foreach (var (change, value) in updates)
        {
            Remember(progress, change);
            await customValues.UpdateAsync(locationId, change.Id, new GhlCustomValueRequest { Name = change.Name, Value = value }, cancellationToken);
        }

        var created = new List<CustomValueChange>();
        foreach (var (name, value) in creates)
        {
            var change = new CustomValueChange(await CreateAsync(locationId, name, value, cancellationToken), name, null);
            Remember(progress, change);
            created.Add(change);
        }

        // One ledger write after the last: the created ids; it returns the job's whole record, which also restores what a
        // rolled-back saga transaction lost of an earlier run (the first record of a value wins).
        var record = await ledger.CompleteAsync(context.JobId, context.AgencyId, created, cancellationToken);
        var adopted = record.UnresolvedCreates
            .Select(name => Find(existing, name) is { } found ? new CustomValueChange(found.Id!, found.Name ?? name, null) : null)
            .OfType<CustomValueChange>()
            .Where(c => !record.Changes.Any(r => r.Id == c.Id))
            .ToList();
        if (adopted.Count > 0)
        {
            // An earlier run announced these, created them and died before recording the ids: they are this job's.
            logger.LogInformation("Job {JobId}: {Count} custom values created by an interrupted run adopted", context.JobId, adopted.Count);
            record = await ledger.CompleteAsync(context.JobId, context.AgencyId, adopted, cancellationToken);
        }

        foreach (var change in record.Changes)
        {
            Remember(progress, change);
        }

        logger.LogInformation(
            "Job {JobId}: {Count} custom values set in location {LocationId} ({Created} created, {Updated} updated)",
            context.JobId, targets.Count, locationId, creates.Count, updates.Count);
        return new StepResult.Completed($"{targets.Count} custom values set ({creates.Count} created, {updates.Count} updated)");
    }

    /// <summary>
    /// POST is create-once: after an unknown outcome, the list is read again; the value is there only if our POST
    /// made it (it was missing a moment ago), so it is recorded as created rather than left for no one to undo.
    /// </summary>
    private async Task<string> CreateAsync(string locationId, string name, string value, CancellationToken cancellationToken)
    {
        try
        {
            var created = await customValues.CreateAsync(locationId, new GhlCustomValueRequest { Name = name, Value = value }, cancellationToken);
            return created.Id ?? throw new StepFailedException($"GHL created custom value '{name}' but returned no id.", retryable: true);
        }
        catch (GhlAmbiguousCreateException)
        {
            var again = await customValues.ListAsync(locationId, cancellationToken);
            var found = again.FirstOrDefault(v => v.Id is not null && string.Equals(v.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (found is null)
            {
                throw;
            }

            return found.Id!;
        }
    }

    private static GhlCustomValue? Find(IEnumerable<GhlCustomValue> values, string name) =>
        values.FirstOrDefault(v => v.Id is not null && string.Equals(v.Name?.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The saga's copy keeps the first record of a value, as the ledger does.</summary>
    private static void Remember(JobProgress progress, CustomValueChange change)
    {
        if (!progress.CustomValueChanges.Any(c => c.Id == change.Id))
        {
            progress.CustomValueChanges.Add(change);
        }
    }
}
