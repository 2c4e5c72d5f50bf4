using System.ComponentModel.DataAnnotations;
using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>The GHL steps' settings (section <c>StepOptions</c>), validated at start-up.</summary>
public sealed class StepOptions : IValidatableObject
{
    /// <summary>
    /// How long the snapshot load may take, counted from the wait step's first run. GHL documents no typical duration;
    /// loading a snapshot by hand is said to take 5–10 minutes (BRIEF §6.2).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SnapshotLoadTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the saga runs the wait step again while the load is pending (BRIEF suggests 5–10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SnapshotPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Custom values every location built from a snapshot gets: <c>SnapshotDefaults[snapshotId][name] = template</c>,
    /// with the intake's <c>{{business.*}}</c> placeholders. The intake's own custom values override them by name.
    /// </summary>
    public Dictionary<string, Dictionary<string, string>> SnapshotDefaults { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Compensation deletes the location's Twilio sub-account with it (irreversible; off by default).</summary>
    public bool DeleteTwilioAccountWithLocation { get; set; }

    /// <summary>Page size of <c>GET /locations/search</c> when looking for a location a crashed attempt created.</summary>
    [Range(10, 100)]
    public int LocationSearchPageSize { get; set; } = 100;

    /// <summary>A default naming an unknown placeholder would fail every job of its snapshot: refuse it at start-up.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var everyFieldSet = new IntakeBusiness("n", "e@x.io", "+10000000000", "w", "a", "c", "s", "p", "US", "UTC", "i", "d");
        foreach (var (snapshotId, values) in SnapshotDefaults)
        {
            foreach (var (name, template) in values)
            {
                var errors = new ValidationErrors();
                CustomValueTemplates.Resolve(errors, name, template, everyFieldSet);
                if (errors.Any)
                {
                    var key = $"{nameof(SnapshotDefaults)}:{snapshotId}:{name}";
                    yield return new ValidationResult(
                        $"StepOptions:{key} is not a valid template: {string.Join(" ", errors.ToDictionary().Values.SelectMany(m => m))}", [key]);
                }
            }
        }
    }
}
