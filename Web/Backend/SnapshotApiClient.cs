using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Provisioner.ServiceDefaults;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Backend;

/// <summary>
/// SnapshotAdvisor (<c>http://advisor</c>) as the signed-in user, with the JWT from <see cref="ServiceTokenProvider"/>;
/// a 401 gets one fresh token and one more try. The service scopes every answer to the token's agency and enforces
/// who may edit (admins and operators) and who may only read.
/// </summary>
public sealed class SnapshotApiClient(HttpClient http, ServiceTokenProvider tokens)
{
    public Task<ApiResult<SnapshotPage>> ListAsync(SnapshotQuery query, CancellationToken cancellationToken) =>
        SendAsync<SnapshotPage>(() => new HttpRequestMessage(SnapshotApiRoutes.List.Method, SnapshotApiRoutes.List.UrlWithQuery(QueryString(query))), cancellationToken);

    public Task<ApiResult<SnapshotInfo>> GetAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<SnapshotInfo>(() => SnapshotApiRoutes.Get.NewRequest(id), cancellationToken);

    public Task<ApiResult<SnapshotInfo>> UpdateAsync(string id, SnapshotUpdate body, CancellationToken cancellationToken) =>
        SendAsync<SnapshotInfo>(() =>
        {
            var request = SnapshotApiRoutes.Update.NewRequest(id);
            request.Content = JsonContent.Create(body);
            return request;
        }, cancellationToken);

    public Task<ApiResult<SnapshotSyncResult>> SyncAsync(CancellationToken cancellationToken) =>
        SendAsync<SnapshotSyncResult>(() => SnapshotApiRoutes.Sync.NewRequest(), cancellationToken);

    public Task<ApiResult<AdvisorAdvice>> RecommendAsync(AdvisorBusinessBody business, CancellationToken cancellationToken) =>
        SendAsync<AdvisorAdvice>(() =>
        {
            var request = SnapshotApiRoutes.Recommend.NewRequest();
            request.Content = JsonContent.Create(new RecommendBody(business));
            return request;
        }, cancellationToken);

    public static string QueryString(SnapshotQuery query)
    {
        var parts = new List<string>
        {
            $"page={query.Page.ToString(CultureInfo.InvariantCulture)}",
            $"pageSize={query.PageSize.ToString(CultureInfo.InvariantCulture)}",
        };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            parts.Add($"q={Uri.EscapeDataString(query.Search.Trim())}");
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            parts.Add($"tag={Uri.EscapeDataString(query.Tag.Trim())}");
        }

        return "?" + string.Join("&", parts);
    }

    private Task<ApiResult<T>> SendAsync<T>(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        AuthorizedCall.SendAsync<T>(http, tokens, ResourceNames.Advisor, createRequest, cancellationToken);
}
