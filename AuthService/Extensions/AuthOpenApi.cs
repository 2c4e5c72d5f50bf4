using Microsoft.OpenApi;
using Provisioner.AuthService.Internal;
using Provisioner.AuthService.Sessions;
using Provisioner.ServiceDefaults.OpenApi;

namespace Provisioner.AuthService.Extensions;

/// <summary>
/// AuthService's OpenAPI document: unlike the other services it does not take the JWT it issues, but the session
/// cookie or an API key (either one, by the Authorization header), and on <c>/internal/**</c> only the internal key.
/// </summary>
public static class AuthOpenApi
{
    public const string SessionScheme = "Session";

    public static ServiceOpenApiOptions Options { get; } = new()
    {
        Title = "Provisioner AuthService",
        Description = "GHL connect, sessions, users and roles, API keys, service tokens, GHL webhooks, and GHL tokens for the other services.",
        SecuritySchemes = new(StringComparer.Ordinal)
        {
            [SessionScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "provisioner.session",
                Description = "The portal's session (SessionCookieOptions:CookieName), set by the connect flow.",
            },
            [ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "pvk_…",
                Description = "An API key (POST /api/auth/api-keys) as a bearer token.",
            },
            [InternalKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = InternalKeyAuthenticationHandler.HeaderName,
                Description = "The services' internal key (InternalApiOptions:Keys); /internal/** only, never through the gateway.",
            },
        },
        DefaultSchemes = [SessionScheme, ApiKeyAuthenticationHandler.SchemeName],
    };
}
