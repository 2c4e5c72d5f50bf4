using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Options;
using Provisioner.GhlSandbox.RateLimiting;

namespace Provisioner.GhlSandbox.Diagnostics;

/// <summary>Applies the injected faults to GHL API requests: latency, error statuses, 429 bursts and timeouts.</summary>
public sealed class FaultMiddleware(RequestDelegate next, FaultInjector faults, TimeProvider time, IOptions<GhlSandboxOptions> options)
{
    private static readonly TimeSpan TimeoutHold = TimeSpan.FromSeconds(100);

    public async Task InvokeAsync(HttpContext context)
    {
        var decision = SandboxPaths.IsGhlApi(context.Request.Path)
            ? faults.Decide(context.Request.Method, context.Request.Path)
            : null;
        if (decision is null)
        {
            await next(context);
            return;
        }

        var rule = decision.Rule;
        try
        {
            if (rule.LatencyMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(rule.LatencyMs), time, context.RequestAborted);
            }

            if (decision.Fails && rule.Timeout)
            {
                context.Items[SandboxPaths.FaultItem] = "timeout";
                await Task.Delay(TimeoutHold, time, context.RequestAborted);
                await GhlError.Status(StatusCodes.Status504GatewayTimeout, "Gateway Timeout").ExecuteAsync(context);
                return;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client gave up while the fault held its request: there is no one left to answer.
            context.Items[SandboxPaths.FaultItem] ??= "latency";
            return;
        }

        if (decision.Fails && rule.Status is { } status)
        {
            context.Items[SandboxPaths.FaultItem] = $"status:{status}";
            if (status == StatusCodes.Status429TooManyRequests)
            {
                var limits = options.Value.RateLimit;
                new RateDecision(false, limits.BurstLimit, 0, (long)limits.BurstWindow.TotalMilliseconds, limits.DailyLimit, limits.DailyLimit).WriteHeaders(context.Response.Headers);
                await GhlError.TooManyRequests().ExecuteAsync(context);
                return;
            }

            await GhlError.Status(status, ReasonPhrase(status)).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Injected fault";
}
