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
