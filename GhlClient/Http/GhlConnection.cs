using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.Timeout;
using Provisioner.GhlClient.Telemetry;

namespace Provisioner.GhlClient.Http;

/// <summary>
/// The typed HttpClient behind every GHL API class: builds the request (Version and Accept headers, the operation
/// descriptor the handlers read), sends it through the GHL pipeline and turns the answer into a model or one of the
/// client's exceptions.
/// </summary>
public sealed partial class GhlConnection(HttpClient http, ILogger<GhlConnection> logger)
{
    public const string HttpClientName = "Provisioner.GhlClient";

    internal Task<T> GetAsync<T>(GhlOperation operation, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync<T>(operation, HttpMethod.Get, pathAndQuery, null, cancellationToken);

    internal Task<T> DeleteAsync<T>(GhlOperation operation, string pathAndQuery, CancellationToken cancellationToken) =>
        SendAsync<T>(operation, HttpMethod.Delete, pathAndQuery, null, cancellationToken);

    internal Task<T> SendJsonAsync<TBody, T>(GhlOperation operation, HttpMethod method, string path, TBody body, CancellationToken cancellationToken)
    {
        // Serialized once into bytes: the same content is re-sent unchanged after a 401 or a retried 429.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, GhlJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return SendAsync<T>(operation, method, path, content, cancellationToken);
    }

    internal Task<T> SendFormAsync<T>(GhlOperation operation, string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken) =>
        SendAsync<T>(operation, HttpMethod.Post, path, new FormUrlEncodedContent(fields), cancellationToken);

    private async Task<T> SendAsync<T>(GhlOperation operation, HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var activity = GhlTelemetry.ActivitySource.StartActivity($"GHL {operation.Name}", ActivityKind.Client);
        activity?.SetTag("ghl.operation", operation.Name);
        activity?.SetTag("ghl.resource.kind", operation.ResourceKey.Split(':')[0]);

        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Options.Set(GhlOperation.OptionKey, operation);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (operation.SendsVersionHeader)
        {
            request.Headers.Add("Version", GhlClientOptions.ApiVersion);
        }

        HttpResponseMessage response;
        var started = Stopwatch.GetTimestamp();
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            LogExchange(operation.Name, method.Method, (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (IsNoAnswer(ex, cancellationToken))
        {
            activity?.SetStatus(ActivityStatusCode.Error, "no response");
            if (operation.RetryMode == GhlRetryMode.CreateOnce)
            {
                throw new GhlAmbiguousCreateException(operation.Name, null, null, ex);
            }

            throw new GhlApiException(operation.Name, null, [ex is HttpRequestException ? "connection failed" : "timed out"], null, ex);
        }

        using (response)
        {
            activity?.SetTag("http.response.status_code", (int)response.StatusCode);
            if (response.IsSuccessStatusCode)
            {
                return await ReadAsync<T>(operation, response, cancellationToken);
            }

            activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {(int)response.StatusCode}");
            var error = GhlErrorBody.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            activity?.SetTag("ghl.trace_id", error.TraceId);
            throw ToException(operation, response, error);
        }
    }

    private static Exception ToException(GhlOperation operation, HttpResponseMessage response, GhlErrorBody error)
    {
        var status = response.StatusCode;
        if (operation.RetryMode == GhlRetryMode.CreateOnce && (status == HttpStatusCode.RequestTimeout || (int)status >= 500))
        {
            return new GhlAmbiguousCreateException(operation.Name, status, error.TraceId, null);
        }

        if (status == HttpStatusCode.TooManyRequests && RateLimiting.GhlRateLimitHeaders.Parse(response).DailyRemaining is <= 0)
        {
            var tomorrow = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(1);
            return new GhlRateLimitExceededException(operation.Name, operation.ResourceKey, tomorrow);
        }

        return new GhlApiException(operation.Name, status, error.Message ?? (error.Error is { } e ? [e] : []), error.TraceId);
    }

    private static async Task<T> ReadAsync<T>(GhlOperation operation, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync<T>(GhlJson.Options, cancellationToken);
            return body ?? throw new GhlApiException(operation.Name, response.StatusCode, ["empty response body"], null);
        }
        catch (JsonException ex)
        {
            // The message names the JSON path and type, not the value: a token response's fields stay out of it.
            throw new GhlApiException(operation.Name, response.StatusCode, [$"unexpected response shape at {ex.Path}"], null);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "GHL {Operation} ({Method}) answered {StatusCode} after {ElapsedMs:0} ms, retries included")]
    private partial void LogExchange(string operation, string method, int statusCode, double elapsedMs);

    /// <summary>A timeout or transport failure, as opposed to the caller cancelling.</summary>
    private static bool IsNoAnswer(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or TimeoutRejectedException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
