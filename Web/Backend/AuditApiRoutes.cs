using Provisioner.ServiceDefaults;

namespace Provisioner.Web.Backend;

/// <summary>The AuditService calls of <see cref="AuditApiClient"/>, and the export the browser downloads.</summary>
public static class AuditApiRoutes
{
    private static readonly string[] Filters = ["type", "jobId", "actor", "from", "to", "q"];

    public static readonly ApiRoute Entries = new(ResourceNames.Audit, HttpMethod.Get, "/api/audit")
    {
        Response = typeof(AuditPage),
        Query = [.. Filters, "page", "pageSize"],
    };

    public static readonly ApiRoute Verify = new(ResourceNames.Audit, HttpMethod.Get, "/api/audit/verify") { Response = typeof(AuditVerifyResult) };

    /// <summary>CSV, downloaded by the browser through the gateway (same path): only the operation and filters are checked.</summary>
    public static readonly ApiRoute Export = new(ResourceNames.Audit, HttpMethod.Get, "/api/audit/export") { Query = Filters };
}
