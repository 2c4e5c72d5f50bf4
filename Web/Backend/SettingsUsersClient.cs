using System.Net;
using System.Net.Http.Json;
using Provisioner.ServiceDefaults;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Backend;

/// <summary>
/// The agency's portal users in AuthService, which takes the session cookie itself (as <see cref="AuthApiClient"/>):
/// list for everyone, role changes for admins (AuthService keeps at least one admin and answers 409 otherwise).
/// </summary>
public sealed class SettingsUsersClient(HttpClient http, CircuitCredentials credentials)
{
    public Task<ApiResult<List<AgencyUserInfo>>> ListAsync(CancellationToken cancellationToken) =>
        SendAsync<List<AgencyUserInfo>>(SettingsApiRoutes.Users.NewRequest(), null, cancellationToken);

    public Task<ApiResult<AgencyUserInfo>> ChangeRoleAsync(Guid id, string role, CancellationToken cancellationToken) =>
        SendAsync<AgencyUserInfo>(SettingsApiRoutes.ChangeRole.NewRequest(id), JsonContent.Create(new ChangeRoleBody(role)), cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage newRequest, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = newRequest;
        request.Content = content;
        if (credentials.SessionCookie is not { } cookie)
        {
            return ApiResult<T>.Failed(BackendProblems.NotSignedIn);
        }

        request.Headers.Add("Cookie", cookie);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                credentials.Clear();
                return ApiResult<T>.Failed(BackendProblems.NotSignedIn);
            }

            return response.IsSuccessStatusCode
                ? ApiResult<T>.Ok((await response.Content.ReadFromJsonAsync<T>(cancellationToken))!)
                : ApiResult<T>.Failed(await ProblemDetailsReader.ReadAsync(response, cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return ApiResult<T>.Failed(BackendProblems.Unreachable(ResourceNames.Auth));
        }
    }
}
