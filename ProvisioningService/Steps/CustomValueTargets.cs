using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// The custom values a job must leave in its location: the snapshot's configured defaults (templates resolved against
/// the intake's business, by the intake's own rules) overridden by name — case-insensitively, as GHL names are
/// matched — by the intake's values, which were resolved at intake.
/// </summary>
internal static class CustomValueTargets
{
    public static IReadOnlyDictionary<string, string> For(ValidatedIntake intake, string? snapshotId, StepOptions options)
    {
        var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (snapshotId is not null && options.SnapshotDefaults.TryGetValue(snapshotId, out var defaults))
        {
            var errors = new ValidationErrors();
            foreach (var (name, template) in defaults)
            {
                targets[name] = CustomValueTemplates.Resolve(errors, name, template, intake.Business);
            }

            // Unknown placeholders are refused at start-up; what is left is a placeholder naming a field this intake
            // leaves empty. Writing empty text into the client's location would be silently wrong.
            var problems = errors.ToDictionary();
            foreach (var name in problems.Keys.Where(n => !intake.CustomValues.Keys.Any(k => string.Equals(k, n, StringComparison.OrdinalIgnoreCase))))
            {
                throw new StepFailedException(
                    $"The default custom value '{name}' of snapshot {snapshotId} cannot be filled: {string.Join(" ", problems[name])} " +
                    "Give the value in the request or change the snapshot's defaults.",
                    retryable: false);
            }
        }

        foreach (var (name, value) in intake.CustomValues)
        {
            // Remove first so the intake's spelling of the name wins over the default's.
            targets.Remove(name);
            targets[name] = value;
        }

        return targets;
    }
}
