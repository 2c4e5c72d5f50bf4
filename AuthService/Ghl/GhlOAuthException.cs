using System.Net;

namespace Provisioner.AuthService.Ghl;

/// <summary>
/// GHL answered an OAuth or company call with an error. <see cref="IsRejected"/> means the grant itself was
/// refused (400/401, e.g. invalid_grant): retrying cannot help, a reconnect is needed. <see cref="IsRateLimited"/>
/// means GHL asked us to come back later (429); <see cref="RetryAfter"/> is how long, when GHL said so.
/// </summary>
public sealed class GhlOAuthException(string message, HttpStatusCode? statusCode, TimeSpan? retryAfter = null) : Exception(message)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>GHL's <c>Retry-After</c>, else (on a 429) its <c>X-RateLimit-Interval-Milliseconds</c>; null when neither came.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsRejected => StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized;

    public bool IsRateLimited => StatusCode is HttpStatusCode.TooManyRequests;
}
