using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Http.Resilience;

namespace Provisioner.Gateway.Health;

public static class BackendHealthChecks
{
    public const string Tag = "backend";

    /// <summary>
    /// One check per reverse-proxy cluster, named after it (auth, provisioning, ...), calling the cluster's first
    /// destination (a service-discovery name such as <c>http://auth</c>) at <c>/health</c>. Not tagged "live":
    /// the gateway's /alive stays its own liveness, so a backend outage never gets the gateway restarted.
    /// </summary>
    public static void AddBackendHealthChecks(this IHostApplicationBuilder builder, IConfigurationSection clusters)
    {
        // No retries or resilience timeouts: a probe reports the state now, within GatewayOptions.HealthTimeout.
        // RemoveAllResilienceHandlers is marked experimental; it is the documented way to undo the standard handler
        // that ServiceDefaults adds to every client, and a retried probe would hide a failing backend.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(BackendHealthCheck.HttpClientName).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        var checks = builder.Services.AddHealthChecks();
        foreach (var cluster in clusters.GetChildren())
        {
            var address = cluster.GetSection("Destinations").GetChildren()
                .Select(d => d["Address"])
                .FirstOrDefault(a => !string.IsNullOrWhiteSpace(a))
                ?? throw new InvalidOperationException($"ReverseProxy:Clusters:{cluster.Key} has no destination address.");
            checks.AddTypeActivatedCheck<BackendHealthCheck>(
                cluster.Key, HealthStatus.Unhealthy, [Tag], args: [new Uri(address)]);
        }
    }
}
