using System.Security.Claims;

namespace Provisioner.ProvisioningService.Security;

/// <summary>The claims AuthService puts in its tokens, and the policies built on them.</summary>
public static class ProvisioningPolicies
{
    public const string AgencyClaim = "agency";
    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    /// <summary>Any role of an agency: list and read its jobs.</summary>
    public const string Reader = "provisioning-reader";

    /// <summary>Admins and operators: start, retry and cancel jobs.</summary>
    public const string Operate = "provisioning-operate";

    /// <summary>The caller's agency; the policies guarantee the claim exists before a handler runs.</summary>
    public static string AgencyOf(ClaimsPrincipal user) =>
        user.FindFirstValue(AgencyClaim) is { Length: > 0 } agency
            ? agency
            : throw new InvalidOperationException("The caller has no agency claim; the endpoint must require a provisioning policy.");

    /// <summary>Who acts, for the job record and the audit trail.</summary>
    public static string ActorOf(ClaimsPrincipal user) =>
        user.FindFirstValue(SubjectClaim) is { Length: > 0 } subject ? subject : "unknown";
}
