using System.Net;

namespace Provisioner.GhlClient;

/// <summary>
/// The daily request budget of a resource is spent (by our count or GHL's <c>X-RateLimit-Daily-Remaining: 0</c>).
/// Waiting inside a request makes no sense: the caller reschedules the work for <see cref="RetryAt"/>.
/// </summary>
public sealed class GhlRateLimitExceededException(string operation, string resourceKey, DateTimeOffset retryAt)
    : GhlApiException(operation, HttpStatusCode.TooManyRequests, [$"daily request budget of {resourceKey} is spent until {retryAt:O}"], null)
{
    public string ResourceKey { get; } = resourceKey;

    public DateTimeOffset RetryAt { get; } = retryAt;
}
