namespace Provisioner.GhlClient.RateLimiting;

/// <summary>The answer of a budget to "may I send now?": yes, wait this long, or not today.</summary>
public readonly record struct GhlRateDecision(bool Granted, TimeSpan RetryAfter, bool DailyExhausted)
{
    public static readonly GhlRateDecision Grant = new(true, TimeSpan.Zero, false);

    public static GhlRateDecision Wait(TimeSpan delay) => new(false, delay, false);

    public static GhlRateDecision Exhausted(TimeSpan untilReset) => new(false, untilReset, true);
}
