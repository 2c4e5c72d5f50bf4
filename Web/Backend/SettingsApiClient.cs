using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Provisioner.ServiceDefaults;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Backend;

/// <summary>
/// The agency's provisioning settings in ProvisioningService, as the signed-in user (JWT from
/// <see cref="ServiceTokenProvider"/>; a 401 gets one fresh token and one more try). Only admins may change them;
/// the service enforces that, the page only hides what a role cannot use.
/// </summary>
public sealed class SettingsApiClient(HttpClient http, ServiceTokenProvider tokens)
{
    public Task<ApiResult<AgencySettingsInfo>> GetAsync(CancellationToken cancellationToken) =>
        SendAsync(() => SettingsApiRoutes.Get.NewRequest(), cancellationToken);

    public Task<ApiResult<AgencySettingsInfo>> SaveAsync(AgencySettingsUpdate update, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var request = SettingsApiRoutes.Put.NewRequest();
            request.Content = JsonContent.Create(update);
            return request;
        }, cancellationToken);

    public Task<ApiResult<CustomValueTemplatesInfo>> GetTemplatesAsync(CancellationToken cancellationToken) =>
        AuthorizedCall.SendAsync<CustomValueTemplatesInfo>(
            http, tokens, ResourceNames.Provisioning, () => SettingsApiRoutes.GetTemplates.NewRequest(), cancellationToken);

    /// <summary>Replaces the agency's whole set; a 400 names each bad template as <c>templates[name]</c>.</summary>
    public Task<ApiResult<CustomValueTemplatesInfo>> SaveTemplatesAsync(CustomValueTemplatesInfo templates, CancellationToken cancellationToken) =>
        AuthorizedCall.SendAsync<CustomValueTemplatesInfo>(http, tokens, ResourceNames.Provisioning, () =>
        {
            var request = SettingsApiRoutes.PutTemplates.NewRequest();
            request.Content = JsonContent.Create(templates);
            return request;
        }, cancellationToken);

    private Task<ApiResult<AgencySettingsInfo>> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        AuthorizedCall.SendAsync<AgencySettingsInfo>(http, tokens, ResourceNames.Provisioning, createRequest, cancellationToken);
}
