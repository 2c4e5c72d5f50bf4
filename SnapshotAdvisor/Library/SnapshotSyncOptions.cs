using System.ComponentModel.DataAnnotations;

namespace Provisioner.SnapshotAdvisor.Library;

/// <summary>Section <c>SnapshotSyncOptions</c>: the periodic re-sync of every known agency's library.</summary>
public sealed class SnapshotSyncOptions
{
    /// <summary>Time between two periodic syncs; each one costs one GHL call per agency.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Turn the periodic sync off (syncs on connect and on demand still run).</summary>
    public bool Enabled { get; set; } = true;
}
