using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication;

namespace Provisioner.AuthService.Internal;

public static class InternalApiAuthentication
{
    /// <summary>The policy of every <c>/internal/**</c> endpoint: the internal key scheme, and only it.</summary>
    public const string Policy = "internal";

    /// <summary>
    /// Adds the <c>X-Internal-Key</c> scheme and the <see cref="Policy"/> policy. The policy lists its scheme, so the
    /// authorization middleware re-authenticates with it alone and replaces whatever the default scheme (cookie or
    /// API key) put on the request.
    /// </summary>
    public static void AddInternalApiAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InternalApiOptions>().BindConfiguration(InternalApiOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<InternalApiOptions>, InternalApiOptionsValidator>();

        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, InternalKeyAuthenticationHandler>(InternalKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, p => p.AddAuthenticationSchemes(InternalKeyAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .RequireClaim(InternalKeyAuthenticationHandler.ServiceClaim));
    }
}
