using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Provisioner.ServiceDefaults.Errors;

/// <summary>
/// A request that failed because the database is down or restarting gets 503 with <c>Retry-After</c> and a generic
/// ProblemDetails body, instead of the 500 an unhandled <see cref="Npgsql.NpgsqlException"/> would give: the caller
/// did nothing wrong and may simply try again. The exception's text (host, port, database names) never reaches the body.
/// </summary>
public sealed partial class DatabaseUnavailableExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a caller should wait: a PostgreSQL restart or failover usually takes a few.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFailures.IsTransient(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = "A service this request needs is unavailable. Retry later.",
                Type = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            },
        });
    }

    // Logged here (for operators, never in the body): the middleware stays quiet about exceptions a handler took.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the database is unavailable; answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, PathString path);
}
