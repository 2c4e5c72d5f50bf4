using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Provisioner.ServiceDefaults.Authentication;

/// <summary>The claims AuthService puts in its tokens and the agency roles they carry.</summary>
public static class ProvisionerClaims
{
    public const string Agency = "agency";
    public const string Role = "role";
    public const string Subject = "sub";

    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    /// <summary>An authenticated caller of an agency holding one of <paramref name="roles"/>.</summary>
    public static AuthorizationPolicyBuilder RequireAgencyRole(this AuthorizationPolicyBuilder policy, params string[] roles) =>
        policy.RequireAuthenticatedUser().RequireClaim(Agency).RequireRole(roles);

    /// <summary>The caller's agency; a policy built with <see cref="RequireAgencyRole"/> guarantees it exists.</summary>
    public static string AgencyOf(ClaimsPrincipal user) =>
        user.FindFirstValue(Agency) is { Length: > 0 } agency
            ? agency
            : throw new InvalidOperationException("The caller has no agency claim; the endpoint must require an agency policy.");
}
