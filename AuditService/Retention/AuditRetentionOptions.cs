using System.ComponentModel.DataAnnotations;

namespace Provisioner.AuditService.Retention;

/// <summary>When entries move from the live table to the archive (section <c>AuditRetentionOptions</c>).</summary>
public sealed class AuditRetentionOptions
{
    /// <summary>Entries received more than this many days ago are archived; 0 keeps everything in the live table.</summary>
    [Range(0, 36_500)]
    public int ArchiveAfterDays { get; set; } = 365;

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most entries moved per transaction, so a first run over a large table does not hold one huge transaction.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 10_000;
}
