using System.Net;

namespace Provisioner.GhlClient;

/// <summary>
/// A create (e.g. <c>POST /locations/</c>, <c>POST /users/</c>) may or may not have happened: it timed out, the
/// connection broke after sending, or GHL answered 5xx. GHL has no idempotency key, so the client never re-sends it;
/// the caller must look for the resource first (search by name/email) and only then create again.
/// </summary>
public sealed class GhlAmbiguousCreateException(string operation, HttpStatusCode? statusCode, string? traceId, Exception? inner)
    : Exception(
        $"GHL {operation} outcome is unknown ({(statusCode is { } s ? $"HTTP {(int)s}" : "no response")}" +
        $"{(traceId is null ? "" : $", traceId {traceId}")}); it was not re-sent. Check GHL for the resource before creating it again.",
        inner)
{
    public string Operation { get; } = operation;

    public HttpStatusCode? StatusCode { get; } = statusCode;

    public string? TraceId { get; } = traceId;
}
