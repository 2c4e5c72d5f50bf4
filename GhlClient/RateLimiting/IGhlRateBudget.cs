namespace Provisioner.GhlClient.RateLimiting;

/// <summary>
/// The request budget of each GHL resource (a company or a location), consulted before every send. The in-process
/// implementation serves one instance; the README describes the PostgreSQL-backed one that spans instances.
/// </summary>
public interface IGhlRateBudget
{
    /// <summary>
    /// Waits (queued, first come first served) until a request to <paramref name="resourceKey"/> fits the budget and
    /// books it; the caller disposes the lease once the answer is in. Throws
    /// <see cref="GhlRateLimitExceededException"/> when the day's budget is spent.
    /// </summary>
    ValueTask<GhlRateLease> AcquireAsync(string resourceKey, string operation, CancellationToken cancellationToken);

    /// <summary>Folds in the <c>X-RateLimit-*</c> headers of a response (and whether it was a 429).</summary>
    ValueTask ObserveAsync(string resourceKey, GhlRateLimitHeaders headers, bool rateLimited, CancellationToken cancellationToken);
}
