using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Backend;

/// <summary>
/// One call to a service as the signed-in user, shared by the portal's typed clients: the JWT from
/// <see cref="ServiceTokenProvider"/>; a 401 gets one fresh token and one more try (the token may have been issued under
/// a signing key the service has not loaded yet), a second 401 means the session itself is gone; any other failure is
/// the service's ProblemDetails, and an unreachable service is a problem naming <c>service</c>.
/// </summary>
internal static class AuthorizedCall
{
    /// <summary>Sends the request <paramref name="createRequest"/> makes (anew per try); <c>bool</c> means "no body, just success".</summary>
    public static async Task<ApiResult<T>> SendAsync<T>(
        HttpClient http, ServiceTokenProvider tokens, string service, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var token = await tokens.GetTokenAsync(cancellationToken);
                if (token is not { Succeeded: true, Value: { } jwt })
                {
                    return ApiResult<T>.Failed(token.Problem ?? BackendProblems.NotSignedIn);
                }

                using var request = createRequest();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    tokens.Invalidate();
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    return ApiResult<T>.Failed(await ProblemDetailsReader.ReadAsync(response, cancellationToken));
                }

                return typeof(T) == typeof(bool)
                    ? ApiResult<T>.Ok((T)(object)true)
                    : ApiResult<T>.Ok((await response.Content.ReadFromJsonAsync<T>(cancellationToken))!);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            return ApiResult<T>.Failed(BackendProblems.Unreachable(service));
        }
    }
}
