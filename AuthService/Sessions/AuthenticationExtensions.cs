using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Provisioner.AuthService.Data.Entities;

namespace Provisioner.AuthService.Sessions;

public static class AuthenticationExtensions
{
    public const string DefaultScheme = "Provisioner";

    /// <summary>
    /// Browser: an HttpOnly, SameSite=Lax session cookie. Programs: <c>Authorization: Bearer pvk_…</c> API keys.
    /// A policy scheme picks by the Authorization header, so each endpoint accepts either.
    /// </summary>
    public static void AddAuthServiceAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SessionCookieOptions>().BindConfiguration(SessionCookieOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Cookie or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SessionCookieOptions>>((cookie, session) =>
            {
                cookie.Cookie.Name = session.Value.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = session.Value.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = session.Value.Lifetime;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;

                // An API answers 401/403; redirecting to a login page would hand a script an HTML page.
                cookie.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Viewer, p => p.RequireAuthenticatedUser().RequireAssertion(c => HasRole(c, Role.Viewer)))
            .AddPolicy(Policies.Operator, p => p.RequireAuthenticatedUser().RequireAssertion(c => HasRole(c, Role.Operator)))
            .AddPolicy(Policies.Admin, p => p.RequireAuthenticatedUser().RequireAssertion(c => HasRole(c, Role.Admin)));
    }

    private static bool HasRole(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, Role minimum) =>
        RoleNames.TryParse(context.User.FindFirst(AuthClaims.Role)?.Value, out var role) && role >= minimum;

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

/// <summary>Authorization policy names: the minimum role an endpoint needs.</summary>
public static class Policies
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
}
