using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Gateway.Health;

/// <summary>
/// One backend's readiness as the gateway sees it: its own <c>/health</c> answer (status and failing entries),
/// or why no answer came in time. The health check service runs these in parallel.
/// </summary>
public sealed class BackendHealthCheck(IHttpClientFactory httpClientFactory, IOptions<GatewayOptions> options, Uri serviceAddress)
    : IHealthCheck
{
    public const string HttpClientName = "backend-health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failure = context.Registration.FailureStatus;
        var timeout = options.Value.HealthTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        try
        {
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.GetAsync(new Uri(serviceAddress, HealthEndpoints.HealthPath), deadline.Token);
            var body = await ReadBodyAsync(response, deadline.Token);
            return Classify((int)response.StatusCode, body, failure);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(failure, $"No answer within {timeout.TotalMilliseconds:0} ms.");
        }
        catch (HttpRequestException ex)
        {
            return new HealthCheckResult(failure, $"Unreachable ({ex.HttpRequestError}).", ex);
        }
    }

    /// <summary>The backend's verdict; its failing entries are named, their descriptions are not copied.</summary>
    public static HealthCheckResult Classify(int statusCode, HealthResponse? body, HealthStatus failure)
    {
        if (body is null || !Enum.TryParse<HealthStatus>(body.Status, ignoreCase: true, out var reported))
        {
            return statusCode is >= 200 and < 300
                ? HealthCheckResult.Healthy($"HTTP {statusCode} without a health report.")
                : new HealthCheckResult(failure, $"HTTP {statusCode}.");
        }

        var failing = body.Entries
            .Where(e => !string.Equals(e.Value.Status, nameof(HealthStatus.Healthy), StringComparison.OrdinalIgnoreCase))
            .Select(e => $"{e.Key}: {e.Value.Status}")
            .ToList();
        var description = failing.Count == 0 ? body.Status : $"{body.Status} ({string.Join(", ", failing)})";
        return reported switch
        {
            HealthStatus.Healthy => HealthCheckResult.Healthy(description),
            HealthStatus.Degraded => HealthCheckResult.Degraded(description),
            _ => new HealthCheckResult(failure, description),
        };
    }

    private static async Task<HealthResponse?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<HealthResponse>(HealthJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            // A body that is not a health report is judged by its status code alone.
            return null;
        }
    }
}
