using System.Net;
using System.Net.Http.Json;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Backend;

/// <summary>
/// AuthService (<c>http://auth</c>) as the signed-in user: AuthService accepts the session cookie itself, so this
/// client forwards it in a <c>Cookie</c> header. The primary handler does not keep cookies (see
/// AuthenticationServiceExtensions): a shared cookie jar would carry one user's session into another user's calls.
/// </summary>
public sealed class AuthApiClient(HttpClient http, CircuitCredentials credentials)
{
    private const string Service = "authentication";

    public Task<ApiResult<MeInfo>> GetMeAsync(CancellationToken cancellationToken) =>
        SendAsync<MeInfo>(HttpMethod.Get, "/api/auth/me", null, cancellationToken);

    public Task<ApiResult<ServiceToken>> ExchangeForTokenAsync(CancellationToken cancellationToken) =>
        SendAsync<ServiceToken>(HttpMethod.Post, "/api/auth/token", null, cancellationToken);

    public Task<ApiResult<bool>> DisconnectAsync(CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Post, "/api/auth/disconnect", null, cancellationToken);

    public Task<ApiResult<List<ApiKeyInfo>>> ListApiKeysAsync(CancellationToken cancellationToken) =>
        SendAsync<List<ApiKeyInfo>>(HttpMethod.Get, "/api/auth/api-keys", null, cancellationToken);

    public Task<ApiResult<CreatedApiKey>> CreateApiKeyAsync(string name, string role, CancellationToken cancellationToken) =>
        SendAsync<CreatedApiKey>(HttpMethod.Post, "/api/auth/api-keys", JsonContent.Create(new { name, role }), cancellationToken);

    public Task<ApiResult<bool>> RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<bool>(HttpMethod.Delete, $"/api/auth/api-keys/{id}", null, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        if (credentials.SessionCookie is not { } cookie)
        {
            return ApiResult<T>.Failed(BackendProblems.NotSignedIn);
        }

        using var request = new HttpRequestMessage(method, new Uri($"http://auth{path}")) { Content = content };
        request.Headers.Add("Cookie", cookie);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                // The session ended (expired, signed out elsewhere, user removed): stop presenting it.
                credentials.Clear();
                return ApiResult<T>.Failed(BackendProblems.NotSignedIn);
            }

            if (!response.IsSuccessStatusCode)
            {
                return ApiResult<T>.Failed(await ProblemDetailsReader.ReadAsync(response, cancellationToken));
            }

            // 204 answers (disconnect, revoke) carry no body: success is the value.
            return typeof(T) == typeof(bool)
                ? ApiResult<T>.Ok((T)(object)true)
                : ApiResult<T>.Ok((await response.Content.ReadFromJsonAsync<T>(cancellationToken))!);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return ApiResult<T>.Failed(BackendProblems.Unreachable(Service));
        }
    }
}
