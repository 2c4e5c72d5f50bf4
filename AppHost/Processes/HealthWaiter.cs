using System.Net.Http.Json;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.AppHost.Processes;

public enum HealthStatus
{
    Unreachable,
    Unhealthy,
    Degraded,
    Healthy,
}

/// <summary>
/// Reads a service's <c>/health</c> (the JSON ServiceDefaults writes; for the gateway, the aggregate of every service).
/// </summary>
public sealed class HealthWaiter(HttpClient http)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public async Task<HealthStatus> ProbeAsync(string baseUrl, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await http.GetAsync(new Uri(baseUrl + HealthEndpoints.HealthPath), timeout.Token);
            var body = await ReadBodyAsync(response, timeout.Token);
            return body?.Status switch
            {
                nameof(HealthStatus.Healthy) => HealthStatus.Healthy,
                nameof(HealthStatus.Degraded) => HealthStatus.Degraded,
                nameof(HealthStatus.Unhealthy) => HealthStatus.Unhealthy,
                // No JSON body: fall back on the status code ASP.NET health checks use (200 healthy, 503 not).
                _ => response.IsSuccessStatusCode ? HealthStatus.Healthy : HealthStatus.Unhealthy,
            };
        }
        catch (HttpRequestException)
        {
            return HealthStatus.Unreachable;
        }
        catch (OperationCanceledException)
        {
            // The 5 s probe timeout, or a stop while the probe was in flight: no answer. Callers check their own token;
            // throwing here once crashed AppHost (exit 134) when SIGTERM came during a start-up probe.
            return HealthStatus.Unreachable;
        }
    }

    /// <summary>
    /// Polls until the service answers Healthy or Degraded (ready to serve), the process exits, the timeout passes or
    /// <paramref name="cancellationToken"/> fires. Returns the last status seen.
    /// </summary>
    public async Task<HealthStatus> WaitUntilReadyAsync(string baseUrl, Task processExited, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var status = HealthStatus.Unreachable;
        while (!cancellationToken.IsCancellationRequested && !processExited.IsCompleted && DateTime.UtcNow < deadline)
        {
            status = await ProbeAsync(baseUrl, cancellationToken);
            if (status is HealthStatus.Healthy or HealthStatus.Degraded)
            {
                return status;
            }

            await Task.WhenAny(processExited, Task.Delay(PollInterval, cancellationToken));
        }

        return status;
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
        catch (System.Text.Json.JsonException)
        {
            // A body that is not ServiceDefaults' shape: the status code still tells healthy from not.
            return null;
        }
    }
}
