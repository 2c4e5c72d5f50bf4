using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioner.Web.Errors;

/// <summary>
/// Reads a failed <see cref="HttpResponseMessage"/> into a <see cref="ProblemInfo"/>. Our services answer errors as
/// ProblemDetails; anything else (a proxy's HTML page, an empty body, another API's JSON) still yields a title from
/// the status code, so a caller never has to special-case the body.
/// </summary>
public static class ProblemDetailsReader
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static async Task<ProblemInfo> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var fallbackTitle = string.IsNullOrWhiteSpace(response.ReasonPhrase)
            ? $"Request failed (HTTP {status})"
            : $"Request failed (HTTP {status} {response.ReasonPhrase})";

        var problem = await ReadBodyAsync(response, cancellationToken);
        if (problem is null || (string.IsNullOrWhiteSpace(problem.Title) && string.IsNullOrWhiteSpace(problem.Detail)))
        {
            return new ProblemInfo(fallbackTitle, Status: status);
        }

        return new ProblemInfo(
            string.IsNullOrWhiteSpace(problem.Title) ? fallbackTitle : problem.Title,
            string.IsNullOrWhiteSpace(problem.Detail) ? null : problem.Detail,
            problem.Status ?? status)
        {
            Errors = problem.Errors ?? [],
        };
    }

    private static async Task<ProblemDocument?> ReadBodyAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<ProblemDocument>(JsonOptions, cancellationToken);
        }
        catch (JsonException)
        {
            // Declared JSON but not a ProblemDetails object: the status code is all we can honestly report.
            return null;
        }
    }

    /// <summary>
    /// The RFC 9457 members we show, plus ASP.NET Core's validation <c>errors</c>. Not HttpValidationProblemDetails:
    /// its default title would make any JSON object look like a validation problem.
    /// </summary>
    private sealed record ProblemDocument(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors);
}
