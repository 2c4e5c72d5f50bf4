using System.Globalization;
using System.Net.Http.Headers;

namespace Provisioner.GhlClient.RateLimiting;

/// <summary>The <c>X-RateLimit-*</c> headers GHL puts on every response (BRIEF §5); each may be missing.</summary>
public sealed record GhlRateLimitHeaders(int? Max, int? Remaining, TimeSpan? Interval, int? DailyLimit, int? DailyRemaining, TimeSpan? RetryAfter)
{
    public bool IsEmpty => this == Empty;

    private static readonly GhlRateLimitHeaders Empty = new(null, null, null, null, null, null);

    public static GhlRateLimitHeaders Parse(HttpResponseMessage response)
    {
        var headers = response.Headers;
        var intervalMs = Int(headers, "X-RateLimit-Interval-Milliseconds");
        var retryAfter = headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        return new GhlRateLimitHeaders(
            Int(headers, "X-RateLimit-Max"),
            Int(headers, "X-RateLimit-Remaining"),
            intervalMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            Int(headers, "X-RateLimit-Limit-Daily"),
            Int(headers, "X-RateLimit-Daily-Remaining"),
            retryAfter is { } r && r > TimeSpan.Zero ? r : null);
    }

    private static int? Int(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
