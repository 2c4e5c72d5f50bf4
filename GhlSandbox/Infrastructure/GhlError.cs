using System.Text.Json.Serialization;
using Microsoft.AspNetCore.WebUtilities;

namespace Provisioner.GhlSandbox.Infrastructure;

/// <summary>
/// An error in GHL's own shape (common-schemas.json: BadRequestDTO, UnauthorizedDTO, UnprocessableDTO), not
/// ProblemDetails: the sandbox must answer exactly as GHL does so clients are tested against the real contract.
/// </summary>
public sealed class GhlError : IResult, IStatusCodeHttpResult
{
    private readonly GhlErrorBody body;

    private GhlError(int statusCode, object message, string? error)
    {
        StatusCode = statusCode;
        body = new GhlErrorBody(statusCode, message, error);
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public static GhlError BadRequest(string message) => new(StatusCodes.Status400BadRequest, message, null);

    public static GhlError Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, message, "Unauthorized");

    public static GhlError Unprocessable(params string[] messages) =>
        new(StatusCodes.Status422UnprocessableEntity, messages, "Unprocessable Entity");

    public static GhlError TooManyRequests() =>
        new(StatusCodes.Status429TooManyRequests, "Too many requests", "Too Many Requests");

    public static GhlError Status(int statusCode, string message) =>
        new(statusCode, message, ReasonPhrases.GetReasonPhrase(statusCode));

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        return httpContext.Response.WriteAsJsonAsync(body);
    }

    private sealed record GhlErrorBody(
        int StatusCode,
        object Message,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);
}
