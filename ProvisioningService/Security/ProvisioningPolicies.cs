using System.Security.Claims;
using Provisioner.ServiceDefaults.Authentication;

namespace Provisioner.ProvisioningService.Security;

/// <summary>This service's policies over the claims AuthService puts in its tokens (<see cref="ProvisionerClaims"/>).</summary>
public static class ProvisioningPolicies
{
    public const string Admin = ProvisionerClaims.Admin;
    public const string Operator = ProvisionerClaims.Operator;
    public const string Viewer = ProvisionerClaims.Viewer;

    /// <summary>Any role of an agency: list and read its jobs.</summary>
    public const string Reader = "provisioning-reader";

    /// <summary>Admins and operators: start, retry and cancel jobs.</summary>
    public const string Operate = "provisioning-operate";

    /// <summary>Admins only: the agency's provisioning settings.</summary>
    public const string Manage = "provisioning-manage";

    /// <summary>The caller's agency; the policies guarantee the claim exists before a handler runs.</summary>
    public static string AgencyOf(ClaimsPrincipal user) => ProvisionerClaims.AgencyOf(user);

    /// <summary>Who acts, for the job record and the audit trail.</summary>
    public static string ActorOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ProvisionerClaims.Subject) is { Length: > 0 } subject ? subject : "unknown";
}
