using System.ComponentModel.DataAnnotations;

namespace Provisioner.GhlSandbox.Options;

/// <summary>GHL's documented limits: 100 requests / 10 s and 200,000 / day per app per resource.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 1_000_000)]
    public int BurstLimit { get; set; } = 100;

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan BurstWindow { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 100_000_000)]
    public int DailyLimit { get; set; } = 200_000;
}
