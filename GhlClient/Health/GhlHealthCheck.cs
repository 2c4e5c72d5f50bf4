using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Provisioner.GhlClient.Health;

/// <summary>
/// Cheap reachability check: one unauthenticated GET of the base URL, outside the rate budget. Any HTTP answer
/// (even 404) means GHL is reachable; no answer within one attempt timeout means it is not.
/// </summary>
public sealed class GhlHealthCheck(IHttpClientFactory httpClientFactory, IOptions<GhlClientOptions> options) : IHealthCheck
{
    public const string HttpClientName = "Provisioner.GhlClient.Health";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            using var http = httpClientFactory.CreateClient(HttpClientName);
            using var response = await http.GetAsync("/", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return HealthCheckResult.Healthy($"GHL API reachable (HTTP {(int)response.StatusCode})");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The description names the failure kind only: exception text may carry the URL.
            return new HealthCheckResult(context.Registration.FailureStatus, $"GHL API unreachable ({ex.GetType().Name})");
        }
    }
}
