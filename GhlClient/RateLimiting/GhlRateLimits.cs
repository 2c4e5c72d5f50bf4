namespace Provisioner.GhlClient.RateLimiting;

/// <summary>The limits a budget paces to: the documented ones less the safety margin.</summary>
public sealed record GhlRateLimits(int BurstLimit, TimeSpan BurstWindow, int DailyLimit)
{
    public static GhlRateLimits From(GhlClientOptions options) => new(
        Math.Max(1, (int)Math.Floor(options.BurstLimit * (1 - options.SafetyMargin))),
        options.BurstWindow,
        Math.Max(1, (int)Math.Floor(options.DailyLimit * (1 - options.SafetyMargin))));

    /// <summary>GHL announced a smaller burst limit (e.g. 25/10 s for sandbox PITs): pace to that, same margin.</summary>
    public GhlRateLimits Adapt(GhlRateLimitHeaders headers, double safetyMargin)
    {
        var burst = BurstLimit;
        if (headers.Max is { } max && max > 0)
        {
            burst = Math.Min(burst, Math.Max(1, (int)Math.Floor(max * (1 - safetyMargin))));
        }

        var window = headers.Interval is { } interval && interval > BurstWindow ? interval : BurstWindow;
        return this with { BurstLimit = burst, BurstWindow = window };
    }
}
