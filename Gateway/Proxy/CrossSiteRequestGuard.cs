using Microsoft.Extensions.Options;

namespace Provisioner.Gateway.Proxy;

/// <summary>
/// Refuses (403) a state-changing request (anything but GET, HEAD, OPTIONS, TRACE) that carries the portal's session
/// cookie but whose <c>Origin</c> (or, without one, <c>Referer</c>) names another origin than the gateway's own or one
/// of <see cref="GatewayOptions.TrustedOrigins"/>.
/// </summary>
/// <remarks>
/// The session cookie is <c>SameSite=Lax</c>, which stops cross-<em>site</em> forms, but not a page of the same
/// site on another origin: another port of the same host (GhlSandbox's :8090 beside the gateway's :8080) or a sibling
/// subdomain may post a form to <c>/api/auth/disconnect</c> or <c>/api/jobs/{id}/cancel</c> and the browser sends the
/// cookie. Browsers send <c>Origin</c> with every cross-origin POST, PUT and DELETE, so a request without
/// <c>Origin</c> and <c>Referer</c> is a program (curl, the portal's server-side clients), which a forged page cannot
/// be. API keys are headers a forged page cannot set, so only the cookie needs this check.
/// </remarks>
public static class CrossSiteRequestGuard
{
    private static readonly string[] SafeMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Options, HttpMethods.Trace];

    public static bool IsRefused(HttpRequest request, string sessionCookie, IReadOnlyCollection<CrossSiteOrigin>? trusted = null)
    {
        if (SafeMethods.Any(m => HttpMethods.Equals(m, request.Method))
            || !request.Cookies.Keys.Any(k => k.StartsWith(sessionCookie, StringComparison.Ordinal)))
        {
            return false;
        }

        var source = request.Headers.Origin.Count > 0 ? request.Headers.Origin.ToString() : request.Headers.Referer.ToString();
        if (request.Headers.Origin.Count == 0 && source.Length == 0)
        {
            return false;
        }

        // "Origin: null" (sandboxed frames, some redirects) and anything unparsable are foreign by definition.
        return !Uri.TryCreate(source, UriKind.Absolute, out var origin)
            || !(IsSameOrigin(origin, request.Host) || (trusted?.Any(t => t.Matches(origin)) ?? false));
    }

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value;
        if (!IsRefused(context.Request, options.SessionCookie, TrustedOrigins(options)))
        {
            await next();
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Cross-site request refused",
                Detail = "A state-changing request with the session cookie must come from this site's own pages.",
                Extensions = { ["field"] = context.Request.Headers.Origin.Count > 0 ? "Origin" : "Referer" },
            },
        });
    }

    // Parsed once per options instance (validated on start, so every entry parses).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GatewayOptions, CrossSiteOrigin[]> Parsed = new();

    private static CrossSiteOrigin[] TrustedOrigins(GatewayOptions options) =>
        Parsed.GetValue(options, o => [.. o.TrustedOrigins.Select(CrossSiteOrigin.Parse).OfType<CrossSiteOrigin>()]);

    /// <summary>
    /// Host and port only: TLS may end in front of the gateway, so the request's own scheme says nothing about the
    /// scheme the browser used. The port defaults by the origin's scheme, as browsers leave default ports out.
    /// </summary>
    private static bool IsSameOrigin(Uri origin, HostString host) =>
        host.HasValue
        && string.Equals(origin.Host, host.Host, StringComparison.OrdinalIgnoreCase)
        && (host.Port is { } port ? origin.Port == port : origin.IsDefaultPort);
}
