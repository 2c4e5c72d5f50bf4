using System.ComponentModel.DataAnnotations;
using Provisioner.ServiceDefaults;

namespace Provisioner.Web.Operations;

/// <summary>Settings of the Operations page (section <c>OperationsOptions</c>), validated when the host starts.</summary>
public sealed class OperationsOptions : IValidatableObject
{
    public const string SectionName = nameof(OperationsOptions);

    /// <summary>How often the page reloads service health and queue figures while it is open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one probe (a service's /health, the management API) may take before it counts as unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long one call to a service's operations API may take, token exchange included (it goes through AuthService,
    /// which can be slow on a loaded machine).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ApiTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A job Queued or Running for longer than this is listed as stuck (whole minutes, 1 min – 7 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan StuckJobAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Each service's main queue, whose consumer count is shown as its instance count. The defaults are the queues the
    /// services declare (kebab-case MassTransit names); configuration overrides an entry by its key.
    /// </summary>
    public Dictionary<string, string> InstanceQueues { get; set; } = new(StringComparer.Ordinal)
    {
        [ResourceNames.Auth] = "auth-service-scheduler",
        [ResourceNames.Provisioning] = "provisioning-state",
        [ResourceNames.Advisor] = "recommend-snapshot",
        [ResourceNames.Audit] = "audit-log",
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StuckJobAfter.Ticks % TimeSpan.TicksPerMinute != 0)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(StuckJobAfter)} must be a whole number of minutes.", [nameof(StuckJobAfter)]);
        }

        foreach (var (service, queue) in InstanceQueues)
        {
            if (string.IsNullOrWhiteSpace(queue))
            {
                yield return new ValidationResult(
                    $"{SectionName}:{nameof(InstanceQueues)}:{service} must name a queue.", [nameof(InstanceQueues)]);
            }
        }
    }
}
