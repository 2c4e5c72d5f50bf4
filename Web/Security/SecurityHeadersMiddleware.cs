namespace Provisioner.Web.Security;

/// <summary>
/// Adds the portal's security headers to every response. Set in <c>OnStarting</c> so they survive the exception
/// handler and status-code re-execution, which clear the headers of the failed attempt.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>
    /// Blazor Server needs no inline or eval'd script: blazor.web.js and MudBlazor.min.js are files. MudBlazor writes
    /// inline <c>style</c> attributes, hence <c>'unsafe-inline'</c> for styles only. The circuit's WebSocket goes to
    /// the page's own origin, which CSP Level 3 <c>'self'</c> covers for ws:/wss:, so no scheme-wide ws: source is
    /// allowed. Icons are inline SVG; <c>data:</c> images and fonts cover MudBlazor's CSS.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; " +
        "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
