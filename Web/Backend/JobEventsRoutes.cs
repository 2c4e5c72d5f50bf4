using Provisioner.ServiceDefaults;

namespace Provisioner.Web.Backend;

/// <summary>
/// The Server-Sent Event streams <see cref="JobEventsClient"/> opens. Their <c>data:</c> items are not in the OpenAPI
/// document (a stream has no JSON schema), so only the operations themselves are checked.
/// </summary>
public static class JobEventsRoutes
{
    public static readonly ApiRoute JobEvents = new(ResourceNames.Provisioning, HttpMethod.Get, "/api/jobs/{id}/events");

    public static readonly ApiRoute AgencyEvents = new(ResourceNames.Provisioning, HttpMethod.Get, "/api/jobs/events");
}
