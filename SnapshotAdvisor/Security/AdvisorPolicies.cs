using System.Security.Claims;

namespace Provisioner.SnapshotAdvisor.Security;

/// <summary>The claims AuthService puts in its tokens, and the advisor's policies built on them.</summary>
public static class AdvisorPolicies
{
    public const string AgencyClaim = "agency";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    /// <summary>Any role of an agency: list snapshots and ask for recommendations.</summary>
    public const string Reader = "advisor-reader";

    /// <summary>Admins and operators: edit metadata and trigger a sync.</summary>
    public const string Editor = "advisor-editor";

    /// <summary>The caller's agency; the policies guarantee the claim exists before a handler runs.</summary>
    public static string AgencyOf(ClaimsPrincipal user) =>
        user.FindFirstValue(AgencyClaim) is { Length: > 0 } agency
            ? agency
            : throw new InvalidOperationException("The caller has no agency claim; the endpoint must require an advisor policy.");
}
