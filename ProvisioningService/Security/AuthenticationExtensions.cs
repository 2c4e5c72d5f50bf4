using Provisioner.ServiceDefaults.Authentication;

namespace Provisioner.ProvisioningService.Security;

public static class AuthenticationExtensions
{
    /// <summary>AuthService's bearer tokens (ServiceDefaults) and this service's policies.</summary>
    public static void AddProvisioningAuthentication(this IHostApplicationBuilder builder) =>
        builder.AddServiceAuthentication()
            .AddPolicy(ProvisioningPolicies.Reader, p => p.RequireAgencyRole(ProvisioningPolicies.Admin, ProvisioningPolicies.Operator, ProvisioningPolicies.Viewer))
            .AddPolicy(ProvisioningPolicies.Operate, p => p.RequireAgencyRole(ProvisioningPolicies.Admin, ProvisioningPolicies.Operator))
            .AddPolicy(ProvisioningPolicies.Manage, p => p.RequireAgencyRole(ProvisioningPolicies.Admin));
}
