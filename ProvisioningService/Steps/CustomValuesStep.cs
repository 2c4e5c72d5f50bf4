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
/// to <see cref="CustomValueLedger"/> before the write, so a crash that rolls back the saga's copy loses nothing.
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
        await ledger.MergeIntoAsync(context.JobId, context.AgencyId, progress, cancellationToken);
        var existing = await customValues.ListAsync(locationId, cancellationToken);

        var (created, updated) = (0, 0);
        foreach (var (name, value) in targets)
        {
            var current = existing.FirstOrDefault(v => v.Id is not null && string.Equals(v.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase));
            if (current is null)
            {
                var id = await CreateAsync(locationId, name, value, cancellationToken);
                await RecordAsync(context, new CustomValueChange(id, name, null), cancellationToken);
                created++;
            }
            else if (!string.Equals(current.Value, value, StringComparison.Ordinal))
            {
                // Recorded before the PUT: if the PUT's answer is lost, restoring the old value is still right.
                await RecordAsync(context, new CustomValueChange(current.Id!, current.Name ?? name, current.Value ?? string.Empty), cancellationToken);
                await customValues.UpdateAsync(locationId, current.Id!, new GhlCustomValueRequest { Name = current.Name ?? name, Value = value }, cancellationToken);
                updated++;
            }
        }

        logger.LogInformation(
            "Job {JobId}: {Count} custom values set in location {LocationId} ({Created} created, {Updated} updated)",
            context.JobId, targets.Count, locationId, created, updated);
        return new StepResult.Completed($"{targets.Count} custom values set ({created} created, {updated} updated)");
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

    private async Task RecordAsync(StepContext context, CustomValueChange change, CancellationToken cancellationToken)
    {
        if (!context.Progress.CustomValueChanges.Any(c => c.Id == change.Id))
        {
            await ledger.RecordAsync(context.JobId, context.AgencyId, change, cancellationToken);
            context.Progress.CustomValueChanges.Add(change);
        }
    }
}
