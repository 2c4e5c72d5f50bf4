using System.ComponentModel.DataAnnotations;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>The job event streams (section <c>JobStreamOptions</c>).</summary>
public sealed class JobStreamOptions
{
    /// <summary>
    /// How often the watermark looks for newly committed events, and the longest a stream waits before looking again;
    /// a live event reaches a client within about this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A <c>: keep-alive</c> comment is written when nothing else was for this long, so proxies (the gateway's
    /// 100 s activity timeout) and browsers keep an idle stream open.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>retry:</c> hint: how long an EventSource waits before reconnecting.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How long an id gap (an insert not yet committed, or rolled back) may hold the watermark once every
    /// transaction that could fill it was seen to end; see the README. The wait for those transactions is capped by
    /// <see cref="MaxGapWait"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan GapSettle { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a gap holds the watermark at all, even while an old transaction is still open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaxGapWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Events read per query; a backlog is sent in batches of this size without waiting between them.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}
