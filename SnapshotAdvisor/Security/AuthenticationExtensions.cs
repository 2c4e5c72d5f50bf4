using Provisioner.ServiceDefaults.Authentication;

namespace Provisioner.SnapshotAdvisor.Security;

public static class AuthenticationExtensions
{
    /// <summary>AuthService's bearer tokens (ServiceDefaults) and this service's policies.</summary>
    public static void AddAdvisorAuthentication(this IHostApplicationBuilder builder) =>
        builder.AddServiceAuthentication()
            .AddPolicy(AdvisorPolicies.Reader, p => p.RequireAgencyRole(AdvisorPolicies.Admin, AdvisorPolicies.Operator, AdvisorPolicies.Viewer))
            .AddPolicy(AdvisorPolicies.Editor, p => p.RequireAgencyRole(AdvisorPolicies.Admin, AdvisorPolicies.Operator));
}
