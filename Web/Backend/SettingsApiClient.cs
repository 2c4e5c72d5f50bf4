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

    private async Task<ApiResult<AgencySettingsInfo>> SendAsync(Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var token = await tokens.GetTokenAsync(cancellationToken);
                if (token is not { Succeeded: true, Value: { } jwt })
                {
                    return ApiResult<AgencySettingsInfo>.Failed(token.Problem ?? BackendProblems.NotSignedIn);
                }

                using var request = createRequest();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    tokens.Invalidate();
                    continue;
                }

                return response.IsSuccessStatusCode
                    ? ApiResult<AgencySettingsInfo>.Ok((await response.Content.ReadFromJsonAsync<AgencySettingsInfo>(cancellationToken))!)
                    : ApiResult<AgencySettingsInfo>.Failed(await ProblemDetailsReader.ReadAsync(response, cancellationToken));
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return ApiResult<AgencySettingsInfo>.Failed(BackendProblems.Unreachable(ResourceNames.Provisioning));
        }
    }
}
