using System.Security.Claims;
using Provisioner.AuthService.Data.Entities;

namespace Provisioner.AuthService.Sessions;

/// <summary>The authenticated caller as handlers need it: who, in which agency, with which role.</summary>
public sealed record Caller(string Subject, string AgencyId, Role Role, string Name, string Method)
{
    /// <summary>The user id when the caller is a signed-in user (not an API key).</summary>
    public Guid? UserId => Guid.TryParse(Subject, out var id) ? id : null;

    /// <summary>How events name the caller.</summary>
    public string Actor => UserId is { } id ? $"user:{id}" : Subject;

    public static Caller From(ClaimsPrincipal principal) =>
        new(
            Required(principal, AuthClaims.Subject),
            Required(principal, AuthClaims.Agency),
            RoleNames.TryParse(Required(principal, AuthClaims.Role), out var role) ? role : Role.Viewer,
            principal.FindFirstValue(AuthClaims.Name) ?? "",
            principal.FindFirstValue(AuthClaims.Method) ?? "");

    private static string Required(ClaimsPrincipal principal, string type) =>
        principal.FindFirstValue(type) ?? throw new InvalidOperationException($"The principal has no '{type}' claim.");
}
