using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Backend;

/// <summary>
/// ProvisioningService (<c>http://provisioning</c>) as the signed-in user, with the JWT from
/// <see cref="ServiceTokenProvider"/>. A 401 gets one fresh token and one more try (the token may have been issued
/// under a signing key the service has not loaded yet); a second 401 means the session itself is gone.
/// </summary>
public sealed class ProvisioningApiClient(HttpClient http, ServiceTokenProvider tokens)
{
    private const string Service = "provisioning";
    public const string IdempotencyHeader = "Idempotency-Key";

    public Task<ApiResult<JobPage>> GetJobsAsync(JobListQuery query, CancellationToken cancellationToken) =>
        SendAsync<JobPage>(() => new HttpRequestMessage(ProvisioningApiRoutes.Jobs.Method, ProvisioningApiRoutes.Jobs.UrlWithQuery(QueryString(query))), cancellationToken);

    public Task<ApiResult<JobDetail>> GetJobAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<JobDetail>(() => ProvisioningApiRoutes.Job.NewRequest(id), cancellationToken);

    public Task<ApiResult<JobStats>> GetStatsAsync(CancellationToken cancellationToken) =>
        SendAsync<JobStats>(() => ProvisioningApiRoutes.Stats.NewRequest(), cancellationToken);

    public Task<ApiResult<ProvisionPlan>> PreviewAsync(ProvisionBody body, CancellationToken cancellationToken) =>
        SendAsync<ProvisionPlan>(() => new HttpRequestMessage(ProvisioningApiRoutes.Preview.Method, ProvisioningApiRoutes.Preview.UrlWithQuery("?dryRun=true"))
        {
            Content = JsonContent.Create(body),
        }, cancellationToken);

    /// <summary>Submits the intake; the same key with the same body answers the same job (no second job).</summary>
    public Task<ApiResult<JobAccepted>> ProvisionAsync(ProvisionBody body, string idempotencyKey, CancellationToken cancellationToken) =>
        SendAsync<JobAccepted>(() =>
        {
            var request = ProvisioningApiRoutes.Provision.NewRequest();
            request.Content = JsonContent.Create(body);
            request.Headers.Add(IdempotencyHeader, idempotencyKey);
            return request;
        }, cancellationToken);

    public Task<ApiResult<bool>> RetryAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<bool>(() => ProvisioningApiRoutes.Retry.NewRequest(id), cancellationToken);

    public Task<ApiResult<bool>> CancelAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<bool>(() => ProvisioningApiRoutes.Cancel.NewRequest(id), cancellationToken);

    public static string QueryString(JobListQuery query)
    {
        var parts = new List<string>
        {
            $"page={query.Page.ToString(CultureInfo.InvariantCulture)}",
            $"pageSize={query.PageSize.ToString(CultureInfo.InvariantCulture)}",
        };
        Add(parts, "status", query.Status);
        Add(parts, "from", query.From?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "to", query.To?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        Add(parts, "q", query.Search);
        if (!string.IsNullOrEmpty(query.Sort))
        {
            Add(parts, "sort", query.Sort);
            Add(parts, "order", query.Ascending ? "asc" : "desc");
        }

        return "?" + string.Join("&", parts);
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
        }
    }

    private Task<ApiResult<T>> SendAsync<T>(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        AuthorizedCall.SendAsync<T>(http, tokens, Service, createRequest, cancellationToken);
}
