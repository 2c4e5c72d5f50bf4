using System.Security.Claims;
using Provisioner.ServiceDefaults.Authentication;

namespace Provisioner.SnapshotAdvisor.Security;

/// <summary>The claims AuthService puts in its tokens, and the advisor's policies built on them.</summary>
public static class AdvisorPolicies
{
    public const string Admin = ProvisionerClaims.Admin;
    public const string Operator = ProvisionerClaims.Operator;
    public const string Viewer = ProvisionerClaims.Viewer;

    /// <summary>Any role of an agency: list snapshots and ask for recommendations.</summary>
    public const string Reader = "advisor-reader";

    /// <summary>Admins and operators: edit metadata and trigger a sync.</summary>
    public const string Editor = "advisor-editor";

    /// <summary>The caller's agency; the policies guarantee the claim exists before a handler runs.</summary>
    public static string AgencyOf(ClaimsPrincipal user) => ProvisionerClaims.AgencyOf(user);
}
