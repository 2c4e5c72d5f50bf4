using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Diagnostics;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Options;
using Provisioner.GhlSandbox.Security;

namespace Provisioner.GhlSandbox.RateLimiting;

/// <summary>
/// Charges each authenticated GHL request to its token's resource (company or location) and adds the
/// X-RateLimit-* headers GHL sends; over the limit the request is answered 429 without reaching the endpoint.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, ResourceRateLimiter limiter, IOptionsMonitor<GhlSandboxOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        if (!settings.RateLimit.Enabled || !SandboxPaths.IsGhlApi(context.Request.Path) || context.Request.Headers.Authorization.Count == 0)
        {
            await next(context);
            return;
        }

        var token = GhlCaller.Resolve(context).Token;
        if (token is null)
        {
            await next(context);
            return;
        }

        var decision = limiter.TryAcquire(settings.AppId, token.ResourceId);
        decision.WriteHeaders(context.Response.Headers);
        if (!decision.Allowed)
        {
            context.Items[SandboxPaths.FaultItem] = "rate-limit";
            await GhlError.TooManyRequests().ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
