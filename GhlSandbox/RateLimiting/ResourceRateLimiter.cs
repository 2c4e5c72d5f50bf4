using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Options;

namespace Provisioner.GhlSandbox.RateLimiting;

/// <summary>
/// GHL's limits per app per resource: a burst window (100 / 10 s) and a daily budget (200,000, reset at UTC
/// midnight, which GHL does not document). A refused request spends nothing.
/// </summary>
public sealed class ResourceRateLimiter(TimeProvider time, IOptions<GhlSandboxOptions> options)
{
    private readonly ConcurrentDictionary<string, Bucket> buckets = new();

    public RateDecision TryAcquire(string appId, string resourceId)
    {
        var limits = options.Value.RateLimit;
        var now = time.GetUtcNow();
        var bucket = buckets.GetOrAdd($"{appId}:{resourceId}", _ => new Bucket());
        lock (bucket)
        {
            if (now - bucket.WindowStart >= limits.BurstWindow)
            {
                bucket.WindowStart = now;
                bucket.InWindow = 0;
            }

            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (bucket.Day != today)
            {
                bucket.Day = today;
                bucket.Today = 0;
            }

            var allowed = bucket.InWindow < limits.BurstLimit && bucket.Today < limits.DailyLimit;
            if (allowed)
            {
                bucket.InWindow++;
                bucket.Today++;
            }

            return new RateDecision(
                allowed,
                limits.BurstLimit,
                Math.Max(0, limits.BurstLimit - bucket.InWindow),
                (long)limits.BurstWindow.TotalMilliseconds,
                limits.DailyLimit,
                Math.Max(0, limits.DailyLimit - bucket.Today));
        }
    }

    public void Reset() => buckets.Clear();

    private sealed class Bucket
    {
        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;

        public int InWindow { get; set; }

        public DateOnly Day { get; set; }

        public int Today { get; set; }
    }
}

public sealed record RateDecision(bool Allowed, int Max, int Remaining, long IntervalMs, int DailyLimit, int DailyRemaining)
{
    public void WriteHeaders(IHeaderDictionary headers)
    {
        headers["X-RateLimit-Limit-Daily"] = DailyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Daily-Remaining"] = DailyRemaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Interval-Milliseconds"] = IntervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Max"] = Max.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Remaining.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
