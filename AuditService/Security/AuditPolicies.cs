using System.Security.Claims;
using Provisioner.ServiceDefaults.Authentication;

namespace Provisioner.AuditService.Security;

/// <summary>This service's policies over the claims AuthService puts in its tokens (<see cref="ProvisionerClaims"/>).</summary>
public static class AuditPolicies
{
    public const string Admin = ProvisionerClaims.Admin;
    public const string Operator = ProvisionerClaims.Operator;
    public const string Viewer = ProvisionerClaims.Viewer;

    /// <summary>Any role of an agency: list and read its entries.</summary>
    public const string Reader = "audit-reader";

    /// <summary>Admins and operators: export and verify.</summary>
    public const string Auditor = "audit-auditor";

    /// <summary>The caller's agency; the policies guarantee the claim exists before a handler runs.</summary>
    public static string AgencyOf(ClaimsPrincipal user) => ProvisionerClaims.AgencyOf(user);
}
