using System.Security.Claims;

namespace Provisioner.AuditService.Security;

/// <summary>The claims AuthService puts in its tokens, and the policies built on them.</summary>
public static class AuditPolicies
{
    public const string AgencyClaim = "agency";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    /// <summary>Any role of an agency: list and read its entries.</summary>
    public const string Reader = "audit-reader";

    /// <summary>Admins and operators: export and verify.</summary>
    public const string Auditor = "audit-auditor";

    /// <summary>The caller's agency; the policies guarantee the claim exists before a handler runs.</summary>
    public static string AgencyOf(ClaimsPrincipal user) =>
        user.FindFirstValue(AgencyClaim) is { Length: > 0 } agency
            ? agency
            : throw new InvalidOperationException("The caller has no agency claim; the endpoint must require an audit policy.");
}
