using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Provisioner.ServiceDefaults;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Web.Operations;

/// <summary>
/// Asks each backend service for its <c>/health</c> by service-discovery name (<c>http://auth</c>, resolved from
/// <c>services__auth__http__0</c>). A service that does not answer is reported as unreachable, never thrown.
/// </summary>
public sealed class ServiceHealthClient(HttpClient http, IOptions<OperationsOptions> options, TimeProvider time)
{
    /// <summary>The services an operator watches, in AppHost's start order (the portal itself is the one asking).</summary>
    public static readonly IReadOnlyList<string> MonitoredServices =
        [ResourceNames.Auth, ResourceNames.Provisioning, ResourceNames.Advisor, ResourceNames.Audit];

    public Task<ServiceHealthReport[]> CheckAllAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(MonitoredServices.Select(s => CheckAsync(s, cancellationToken)));

    public async Task<ServiceHealthReport> CheckAsync(string service, CancellationToken cancellationToken)
    {
        var timeout = options.Value.ProbeTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var started = time.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(new Uri($"http://{service}{HealthEndpoints.HealthPath}"), deadline.Token);
            var body = await ReadBodyAsync(response, deadline.Token);
            return ServiceHealthReport.FromResponse(service, (int)response.StatusCode, body, time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ServiceHealthReport.Unreachable(service, $"No answer within {timeout.TotalMilliseconds:0} ms", timeout);
        }
        catch (HttpRequestException ex)
        {
            return ServiceHealthReport.Unreachable(service, $"Unreachable ({ex.HttpRequestError})", time.GetElapsedTime(started));
        }
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
            // Not a health report: the status code alone decides (see ServiceHealthReport.FromResponse).
            return null;
        }
    }
}
