using Provisioner.ServiceDefaults;

namespace Provisioner.Web.Backend;

/// <summary>The ProvisioningService calls of <see cref="ProvisioningApiClient"/>.</summary>
public static class ProvisioningApiRoutes
{
    public static readonly ApiRoute Jobs = new(ResourceNames.Provisioning, HttpMethod.Get, "/api/jobs")
    {
        Response = typeof(JobPage),
        Query = ["page", "pageSize", "status", "from", "to", "q", "sort", "order"],
    };

    public static readonly ApiRoute Job = new(ResourceNames.Provisioning, HttpMethod.Get, "/api/jobs/{id}") { Response = typeof(JobDetail) };

    public static readonly ApiRoute Stats = new(ResourceNames.Provisioning, HttpMethod.Get, "/api/jobs/stats") { Response = typeof(JobStats) };

    public static readonly ApiRoute Preview = new(ResourceNames.Provisioning, HttpMethod.Post, "/api/provision")
    {
        Request = typeof(ProvisionBody),
        Response = typeof(ProvisionPlan),
        Query = ["dryRun"],
    };

    public static readonly ApiRoute Provision = new(ResourceNames.Provisioning, HttpMethod.Post, "/api/provision")
    {
        Request = typeof(ProvisionBody),
        Response = typeof(JobAccepted),
        Headers = [ProvisioningApiClient.IdempotencyHeader],
    };

    public static readonly ApiRoute Retry = new(ResourceNames.Provisioning, HttpMethod.Post, "/api/jobs/{id}/retry");

    public static readonly ApiRoute Cancel = new(ResourceNames.Provisioning, HttpMethod.Post, "/api/jobs/{id}/cancel");
}
