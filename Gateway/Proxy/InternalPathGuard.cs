namespace Provisioner.Gateway.Proxy;

/// <summary>
/// Service-to-service endpoints (<c>/internal/**</c>, e.g. AuthService's GHL token API) are never reachable through
/// the gateway: answered 404 here, before any route forwards them, including the catch-all's case and encoding variants
/// (<c>/Internal/x</c>, <c>//internal/x</c>, <c>/%69nternal/x</c>). The services also demand their internal key.
/// </summary>
public static class InternalPathGuard
{
    private const string InternalSegment = "internal";

    public static bool TargetsInternal(PathString path)
    {
        var decoded = Uri.UnescapeDataString(path.Value ?? string.Empty);
        var first = decoded.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.Equals(first, InternalSegment, StringComparison.OrdinalIgnoreCase);
    }

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (!TargetsInternal(context.Request.Path))
        {
            await next();
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status404NotFound, Title = "Not found" },
        });
    }
}
