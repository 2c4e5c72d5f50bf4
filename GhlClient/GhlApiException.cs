using System.Net;

namespace Provisioner.GhlClient;

/// <summary>
/// GHL answered with an error, or gave no answer to a request that is safe to repeat. Carries GHL's status, message
/// (one string or several, as the spec allows) and traceId for support tickets; never a token, secret or body.
/// </summary>
public class GhlApiException : Exception
{
    public GhlApiException(string operation, HttpStatusCode? statusCode, IReadOnlyList<string> messages, string? traceId, Exception? inner = null)
        : base(Describe(operation, statusCode, messages, traceId), inner)
    {
        Operation = operation;
        StatusCode = statusCode;
        Messages = messages;
        TraceId = traceId;
    }

    /// <summary>The operation name, e.g. <c>locations.get</c>.</summary>
    public string Operation { get; }

    /// <summary>Null when no response arrived (timeout, connection failure) after the allowed retries.</summary>
    public HttpStatusCode? StatusCode { get; }

    public IReadOnlyList<string> Messages { get; }

    public string? TraceId { get; }

    /// <summary>
    /// How long the answering side asked us to wait before trying again (<c>Retry-After</c>), when it said so: e.g.
    /// AuthService passing on GHL's 429 on a token refresh. A retry scheduled sooner would meet the same limit.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// GHL answered 401 about the token itself (expired, revoked, unknown), even after the one refresh and re-send the
    /// authentication handler makes: e.g. the refresh was answered with a token another caller had fetched before GHL
    /// revoked it. A later attempt presents that token, gets it refreshed for real, and either succeeds or learns that
    /// the agency is no longer connected. Only GHL's own words for a dead token count ("Invalid JWT", "Invalid token…");
    /// a 401 about what a valid token may do (scope, token type), or one GHL did not explain, is not this.
    /// </summary>
    public bool IsTokenRejected => StatusCode == HttpStatusCode.Unauthorized && Http.GhlUnauthorizedReason.SaysTheTokenIsDead(Messages);

    /// <summary>Worth trying again later: no answer, rate limited, or a server-side failure.</summary>
    public bool IsTransient => StatusCode is null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError;

    private static string Describe(string operation, HttpStatusCode? status, IReadOnlyList<string> messages, string? traceId)
    {
        var what = status is { } s ? $"HTTP {(int)s}" : "no response";
        var message = messages.Count == 0 ? "" : $": {string.Join("; ", messages)}";
        var trace = traceId is null ? "" : $" (traceId {traceId})";
        return $"GHL {operation} failed with {what}{message}{trace}";
    }
}
