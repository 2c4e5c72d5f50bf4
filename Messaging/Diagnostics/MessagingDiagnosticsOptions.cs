using System.ComponentModel.DataAnnotations;

namespace Provisioner.Messaging.Diagnostics;

/// <summary>Thresholds of the backlog health check (section <c>MessagingDiagnosticsOptions</c>), validated on start.</summary>
public sealed class MessagingDiagnosticsOptions
{
    public const string SectionName = nameof(MessagingDiagnosticsOptions);

    /// <summary>
    /// The <c>messaging-backlog</c> check reads Degraded when the oldest undelivered outgoing message is older than this
    /// (for example while the broker is down). Keep it below <c>MessagingOptions:StuckDeliveryThreshold</c>, where the
    /// <c>messaging</c> check turns Unhealthy: Degraded is the early warning, Unhealthy the alarm.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan OutboxDegradedAfter { get; set; } = TimeSpan.FromMinutes(1);
}
