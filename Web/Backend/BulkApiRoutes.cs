using Provisioner.ServiceDefaults;

namespace Provisioner.Web.Backend;

/// <summary>The bulk CSV intake of <see cref="BulkApiClient"/>: a <c>text/csv</c> body, so only the answer's shape is checked.</summary>
public static class BulkApiRoutes
{
    public static readonly ApiRoute Bulk = new(ResourceNames.Provisioning, HttpMethod.Post, "/api/provision/bulk")
    {
        Response = typeof(BulkReport),
        Query = ["dryRun", "partial"],
        Headers = [ProvisioningApiClient.IdempotencyHeader],
    };
}
