using System.ComponentModel.DataAnnotations;

namespace Provisioner.Web.Backend;

/// <summary>How the portal follows ProvisioningService's live streams, and how often it polls when there is none.</summary>
public sealed class LiveUpdatesOptions
{
    public const string SectionName = nameof(LiveUpdatesOptions);

    /// <summary>First wait before reconnecting a dropped stream; doubled per failed attempt up to the maximum.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Dashboard refresh when the agency stream (GET /api/jobs/events) is not available.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
