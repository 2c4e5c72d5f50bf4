using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace Provisioner.AuthService.Ghl;

/// <summary>
/// AuthService's only door to GHL's OAuth and company endpoints (oauth.json, companies.json). Kept to this one
/// class so it can be switched to the shared GhlClient without touching the flows that use it.
/// </summary>
public sealed class GhlOAuthGateway(HttpClient http, IOptions<GhlClientOptions> options)
{
    private const string ApiVersion = "2021-07-28";

    public Task<GhlTokenResponse> ExchangeCodeAsync(string code, CancellationToken cancellationToken) =>
        PostTokenAsync(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["user_type"] = "Company",
                ["redirect_uri"] = options.Value.RedirectUri,
            },
            cancellationToken);

    public Task<GhlTokenResponse> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        PostTokenAsync(
            new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken,
                ["user_type"] = "Company",
            },
            cancellationToken);

    /// <summary>GET /companies/{id}: the agency's name, and proof the new token works.</summary>
    public async Task<string?> GetCompanyNameAsync(string companyId, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"companies/{Uri.EscapeDataString(companyId)}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("Version", ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GhlOAuthException($"GET /companies/{{id}} answered {(int)response.StatusCode}.", response.StatusCode, RetryAfter(response));
        }

        var body = await response.Content.ReadFromJsonAsync<GhlCompanyResponse>(cancellationToken);
        return body?.Company?.Name;
    }

    /// <summary>
    /// POST /oauth/locationToken (oauth.json): a token for one of the agency's locations, minted with the agency
    /// token. GHL answers 400 for an unknown location and 401 for one the agency token cannot reach (or a dead token).
    /// </summary>
    public async Task<GhlLocationTokenResponse> MintLocationTokenAsync(
        string companyId, string locationId, string agencyAccessToken, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["companyId"] = companyId, ["locationId"] = locationId };
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/locationToken") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agencyAccessToken);
        request.Headers.Add("Version", ApiVersion);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new GhlOAuthException($"POST /oauth/locationToken answered {(int)response.StatusCode}.", response.StatusCode, RetryAfter(response));
        }

        var token = await response.Content.ReadFromJsonAsync<GhlLocationTokenResponse>(cancellationToken);
        if (token?.AccessToken is not { Length: > 0 })
        {
            throw new GhlOAuthException("POST /oauth/locationToken answered without an access token.", response.StatusCode);
        }

        return token;
    }

    private async Task<GhlTokenResponse> PostTokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        form["client_id"] = options.Value.ClientId;
        form["client_secret"] = options.Value.ClientSecret;
        using var request = new HttpRequestMessage(HttpMethod.Post, "oauth/token") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The body may echo the grant; only the status goes into the message.
            throw new GhlOAuthException(
                $"POST /oauth/token ({form["grant_type"]}) answered {(int)response.StatusCode}.", response.StatusCode, RetryAfter(response));
        }

        var token = await response.Content.ReadFromJsonAsync<GhlTokenResponse>(cancellationToken);
        if (token?.AccessToken is not { Length: > 0 } || token.RefreshToken is not { Length: > 0 })
        {
            throw new GhlOAuthException("POST /oauth/token answered without an access and refresh token.", response.StatusCode);
        }

        return token;
    }

    /// <summary>
    /// How long GHL asked us to wait: <c>Retry-After</c> (seconds or a date), else on a 429 the burst window
    /// (<c>X-RateLimit-Interval-Milliseconds</c>), which GHL sends on every answer. Null when GHL said neither.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => (TimeSpan?)null,
        };
        if (retryAfter is { } after && after > TimeSpan.Zero)
        {
            return after;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && response.Headers.TryGetValues("X-RateLimit-Interval-Milliseconds", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            && ms > 0)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        return null;
    }
}
