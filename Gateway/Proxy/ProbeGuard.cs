using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Gateway.Proxy;

/// <summary>
/// First step of the proxy pipeline: a request whose path would land on a service's own probe (<c>/health</c>,
/// <c>/alive</c>, also as <c>//health</c>, <c>/Health/x</c> or percent-encoded) is answered 404 here and never
/// forwarded. Routing already sends the exact paths to the gateway's probes; this closes the catch-all's variants.
/// </summary>
public static class ProbeGuard
{
    private static readonly string[] ProbeSegments =
        [HealthEndpoints.HealthPath.TrimStart('/'), HealthEndpoints.AlivePath.TrimStart('/')];

    public static bool TargetsProbe(PathString path)
    {
        var decoded = Uri.UnescapeDataString(path.Value ?? string.Empty);
        var first = decoded.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        return first is not null && ProbeSegments.Contains(first, StringComparer.OrdinalIgnoreCase);
    }

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!TargetsProbe(context.Request.Path))
        {
            await next();
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status404NotFound,
                Title = "Not found",
                Detail = "Service probes are not reachable through the gateway; /health and /alive are the gateway's own.",
            },
        });
    }
}
