using Microsoft.Extensions.Options;

namespace Provisioner.Gateway.TokenExchange;

/// <summary>
/// A step of the proxy pipeline: on a route whose metadata says <c>"TokenExchange": "true"</c>, a request carrying an
/// API key or the session cookie is forwarded with an AuthService JWT instead, so services only ever see a JWT.
/// A refused credential is answered 401 and AuthService not answering 503, both here, without forwarding. Requests
/// with a JWT (or no credential) pass unchanged: the services validate them.
/// </summary>
public sealed class TokenExchangeMiddleware(RequestDelegate next)
{
    public const string MetadataKey = "TokenExchange";

    public static bool AppliesTo(IReadOnlyDictionary<string, string>? routeMetadata) =>
        routeMetadata is not null && routeMetadata.TryGetValue(MetadataKey, out var value)
        && bool.TryParse(value, out var enabled) && enabled;

    public async Task InvokeAsync(HttpContext context, TokenExchangeCache cache, IOptions<GatewayOptions> gatewayOptions)
    {
        var options = gatewayOptions.Value;
        var credential = AppliesTo(context.GetRouteModel().Config.Metadata) ? CredentialHeaders.Read(context.Request, options) : null;
        if (credential is null)
        {
            await next(context);
            return;
        }

        var outcome = await cache.GetAsync(credential, context.RequestAborted);
        switch (outcome.Status)
        {
            case ExchangeStatus.Issued:
                CredentialHeaders.ReplaceWithJwt(context.Request, options, outcome.Jwt!);
                await next(context);
                break;
            case ExchangeStatus.Rejected:
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await WriteProblemAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", credential.Kind == CredentialKind.ApiKey
                    ? "The API key is unknown or revoked."
                    : "The session has ended. Sign in again.");
                break;
            default:
                await WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Authentication unavailable",
                    "The gateway could not verify the credential: the authentication service is unavailable. Retry shortly.");
                break;
        }
    }

    private static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
