using Provisioner.Gateway.RateLimiting;
using Provisioner.Gateway.TokenExchange;

namespace Provisioner.Gateway.Proxy;

public static class ProxyEndpoints
{
    /// <summary>
    /// The configured routes, each rate-limited per client. The pipeline is YARP's default one with the probe
    /// guard, the internal-path guard, the cross-site guard and the token exchange in front.
    /// </summary>
    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ProbeGuard.InvokeAsync);
            proxy.Use(InternalPathGuard.InvokeAsync);
            proxy.Use(CrossSiteRequestGuard.InvokeAsync);
            proxy.UseMiddleware<TokenExchangeMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).RequireRateLimiting(ClientRateLimiting.PolicyName);
        return app;
    }
}
