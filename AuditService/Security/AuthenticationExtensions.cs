using Provisioner.ServiceDefaults.Authentication;

namespace Provisioner.AuditService.Security;

public static class AuthenticationExtensions
{
    /// <summary>AuthService's bearer tokens (ServiceDefaults) and this service's policies.</summary>
    public static void AddAuditAuthentication(this IHostApplicationBuilder builder) =>
        builder.AddServiceAuthentication()
            .AddPolicy(AuditPolicies.Reader, p => p.RequireAgencyRole(AuditPolicies.Admin, AuditPolicies.Operator, AuditPolicies.Viewer))
            .AddPolicy(AuditPolicies.Auditor, p => p.RequireAgencyRole(AuditPolicies.Admin, AuditPolicies.Operator));
}
