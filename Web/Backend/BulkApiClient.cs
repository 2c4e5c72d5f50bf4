using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Backend;

/// <summary>
/// ProvisioningService's bulk CSV intake (<c>POST http://provisioning/api/provision/bulk</c>) as the signed-in user, with
/// the JWT from <see cref="ServiceTokenProvider"/> (a 401 gets one fresh token and one more try, as in
/// <see cref="ProvisioningApiClient"/>). The CSV goes as a <c>text/csv</c> body.
/// </summary>
public sealed class BulkApiClient(HttpClient http, ServiceTokenProvider tokens)
{
    private const string Service = "provisioning";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Validates every row and creates nothing. Sent with <c>partial=true</c> so that invalid rows come back as a plain
    /// 207 report next to the valid rows' plans (without it the service answers 422 with the same report).
    /// </summary>
    public Task<ApiResult<BulkReport>> ValidateAsync(BulkUpload upload, CancellationToken cancellationToken) =>
        SendAsync(upload, "?dryRun=true&partial=true", idempotencyKey: null, cancellationToken);

    /// <summary>
    /// Creates one job per valid row under <paramref name="idempotencyKey"/> (row i gets <c>{key}:{i}</c>: the same
    /// upload again returns the same jobs). Without <paramref name="partial"/> an invalid row means nothing is created:
    /// the answer is then a problem that still carries the report (<see cref="ApiResult{T}.Value"/> is set too).
    /// </summary>
    public Task<ApiResult<BulkReport>> CreateAsync(BulkUpload upload, string idempotencyKey, bool partial, CancellationToken cancellationToken) =>
        SendAsync(upload, partial ? "?partial=true" : "?partial=false", idempotencyKey, cancellationToken);

    /// <summary>The report's errors as one line per message, by row then column, for the validation table.</summary>
    public static IReadOnlyList<BulkRowError> ErrorsOf(BulkReport report) =>
    [
        .. report.Rows
            .Where(r => r.Errors is { Count: > 0 })
            .OrderBy(r => r.Row)
            .SelectMany(r => r.Errors!
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .SelectMany(e => e.Value.Select(message => new BulkRowError(r.Row, e.Key, message)))),
    ];

    private async Task<ApiResult<BulkReport>> SendAsync(
        BulkUpload upload, string query, string? idempotencyKey, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var token = await tokens.GetTokenAsync(cancellationToken);
                if (token is not { Succeeded: true, Value: { } jwt })
                {
                    return ApiResult<BulkReport>.Failed(token.Problem ?? BackendProblems.NotSignedIn);
                }

                using var request = new HttpRequestMessage(BulkApiRoutes.Bulk.Method, BulkApiRoutes.Bulk.UrlWithQuery(query))
                {
                    Content = new ByteArrayContent(upload.Csv) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" } } },
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
                if (idempotencyKey is not null)
                {
                    request.Headers.Add(ProvisioningApiClient.IdempotencyHeader, idempotencyKey);
                }

                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    tokens.Invalidate();
                    continue;
                }

                return await ReadAsync(response, cancellationToken);
            }
        }
        catch (HttpRequestException)
        {
            return ApiResult<BulkReport>.Failed(BackendProblems.Unreachable(Service));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout: the service may still finish. Sending the same file with the same key again is safe.
            return ApiResult<BulkReport>.Failed(new ProblemInfo(
                "The provisioning service did not answer in time.",
                "The upload may still have been processed. Press the button again: the same file with the same key returns the same jobs, never a second set.",
                504));
        }
    }

    private static async Task<ApiResult<BulkReport>> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The content is buffered (HttpClient reads it whole by default), so it can be read as a report and as a problem.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var report = await TryReadReportAsync(response, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return report is null
                ? ApiResult<BulkReport>.Failed(new ProblemInfo("The bulk answer could not be read.", Status: (int)response.StatusCode))
                : ApiResult<BulkReport>.Ok(report);
        }

        // 422 "nothing was created" carries the per-row report as extensions: keep both.
        return new ApiResult<BulkReport>(report, await ProblemDetailsReader.ReadAsync(response, cancellationToken));
    }

    private static async Task<BulkReport?> TryReadReportAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/json" or "application/problem+json"))
        {
            return null;
        }

        try
        {
            var report = await JsonSerializer.DeserializeAsync<BulkReport>(
                await response.Content.ReadAsStreamAsync(cancellationToken), Json, cancellationToken);
            return report?.Rows is null ? null : report;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
