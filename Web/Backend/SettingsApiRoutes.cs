using Provisioner.ServiceDefaults;

namespace Provisioner.Web.Backend;

/// <summary>The calls of <see cref="SettingsApiClient"/> (ProvisioningService) and <see cref="SettingsUsersClient"/> (AuthService).</summary>
public static class SettingsApiRoutes
{
    public static readonly ApiRoute Get = new(ResourceNames.Provisioning, HttpMethod.Get, "/api/provision/settings")
    {
        Response = typeof(AgencySettingsInfo),
    };

    public static readonly ApiRoute Put = new(ResourceNames.Provisioning, HttpMethod.Put, "/api/provision/settings")
    {
        Request = typeof(AgencySettingsUpdate),
        Response = typeof(AgencySettingsInfo),
    };

    public static readonly ApiRoute GetTemplates = new(ResourceNames.Provisioning, HttpMethod.Get, "/api/provision/settings/custom-value-templates")
    {
        Response = typeof(CustomValueTemplatesInfo),
    };

    public static readonly ApiRoute PutTemplates = new(ResourceNames.Provisioning, HttpMethod.Put, "/api/provision/settings/custom-value-templates")
    {
        Request = typeof(CustomValueTemplatesInfo),
        Response = typeof(CustomValueTemplatesInfo),
    };

    public static readonly ApiRoute Users = new(ResourceNames.Auth, HttpMethod.Get, "/api/auth/users") { Response = typeof(List<AgencyUserInfo>) };

    public static readonly ApiRoute ChangeRole = new(ResourceNames.Auth, HttpMethod.Put, "/api/auth/users/{id}/role")
    {
        Request = typeof(ChangeRoleBody),
        Response = typeof(AgencyUserInfo),
    };
}
