using System.Net;

namespace Provisioner.AuthService.Ghl;

/// <summary>
/// GHL answered an OAuth or company call with an error. <see cref="IsRejected"/> means the grant itself was
/// refused (400/401, e.g. invalid_grant): retrying cannot help, a reconnect is needed.
/// </summary>
public sealed class GhlOAuthException(string message, HttpStatusCode? statusCode) : Exception(message)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;

    public bool IsRejected => StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized;
}
