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
        SendAsync<MeInfo>(AuthApiRoutes.Me.NewRequest(), null, cancellationToken);

    public Task<ApiResult<ServiceToken>> ExchangeForTokenAsync(CancellationToken cancellationToken) =>
        SendAsync<ServiceToken>(AuthApiRoutes.Token.NewRequest(), null, cancellationToken);

    public Task<ApiResult<bool>> DisconnectAsync(CancellationToken cancellationToken) =>
        SendAsync<bool>(AuthApiRoutes.Disconnect.NewRequest(), null, cancellationToken);

    public Task<ApiResult<List<ApiKeyInfo>>> ListApiKeysAsync(CancellationToken cancellationToken) =>
        SendAsync<List<ApiKeyInfo>>(AuthApiRoutes.ListApiKeys.NewRequest(), null, cancellationToken);

    public Task<ApiResult<CreatedApiKey>> CreateApiKeyAsync(string name, string role, CancellationToken cancellationToken) =>
        SendAsync<CreatedApiKey>(AuthApiRoutes.CreateApiKey.NewRequest(), JsonContent.Create(new CreateApiKeyBody(name, role)), cancellationToken);

    public Task<ApiResult<bool>> RevokeApiKeyAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<bool>(AuthApiRoutes.RevokeApiKey.NewRequest(id), null, cancellationToken);

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

/// <summary>POST /api/auth/api-keys (AuthService's CreateApiKeyRequest).</summary>
public sealed record CreateApiKeyBody(string Name, string Role);
