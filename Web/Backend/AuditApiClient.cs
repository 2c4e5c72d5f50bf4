using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Backend;

/// <summary>
/// AuditService (<c>http://audit</c>) as the signed-in user, with the JWT from <see cref="ServiceTokenProvider"/>; a 401
/// gets one fresh token and one more try. The service scopes every answer to the token's agency.
/// </summary>
public sealed class AuditApiClient(HttpClient http, ServiceTokenProvider tokens)
{
    private const string Service = "audit";

    /// <summary>
    /// Where the browser downloads the CSV export: the gateway's <c>/api/audit/export</c> on the page's own origin. The
    /// browser's request carries the session cookie, which the gateway exchanges for a JWT on <c>/api/audit</c> routes,
    /// so a plain link downloads the file; the export streams from AuditService and never passes through the portal.
    /// </summary>
    public static string ExportUrl(AuditQuery query) => AuditApiRoutes.Export.Path() + query.ToQueryString(paging: false);

    public Task<ApiResult<AuditPage>> GetEntriesAsync(AuditQuery query, CancellationToken cancellationToken) =>
        SendAsync<AuditPage>(AuditApiRoutes.Entries.UrlWithQuery(query.ToQueryString(paging: true)), cancellationToken);

    /// <summary>Walks the agency's whole chain (admins and operators; a viewer gets 403).</summary>
    public Task<ApiResult<AuditVerifyResult>> VerifyAsync(CancellationToken cancellationToken) =>
        SendAsync<AuditVerifyResult>(AuditApiRoutes.Verify.Url(), cancellationToken);

    private Task<ApiResult<T>> SendAsync<T>(Uri url, CancellationToken cancellationToken) =>
        AuthorizedCall.SendAsync<T>(http, tokens, Service, () => new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
}
