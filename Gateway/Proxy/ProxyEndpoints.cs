using Provisioner.Gateway.RateLimiting;

namespace Provisioner.Gateway.Proxy;

public static class ProxyEndpoints
{
    /// <summary>
    /// The configured routes, each rate-limited per client. The pipeline is YARP's default one with the probe
    /// guard in front.
    /// </summary>
    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ProbeGuard.InvokeAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).RequireRateLimiting(ClientRateLimiting.PolicyName);
        return app;
    }
}
