using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace Provisioner.Reliability.Tests.Security;

/// <summary>The credentials of the run: API keys, JWTs, GHL tokens through the internal API, and invented ones that must be refused.</summary>
public sealed partial class SecurityScenario
{
    internal async Task<string> CreateKeyAsync(Browser browser, string name, string role)
    {
        using var response = await browser.Client.PostAsJsonAsync("/api/auth/api-keys", new { name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var key = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        World.Secrets.Add("API key", key);
        return key;
    }

    private async Task IssueJwtAsync(string? apiKey, Browser? browser = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(World.Gateway, "/api/auth/token"));
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = browser is null ? await _http.SendAsync(request) : await browser.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        World.Secrets.Add("service JWT", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
    }

    /// <summary>What a service does when GHL answered 401: AuthService refreshes the agency's tokens with GHL.</summary>
    private async Task RefreshAgencyTokenAsync(string agencyId)
    {
        var current = await InternalAsync("/internal/ghl/token", new { agencyId, locationId = (string?)null });
        var refreshed = await InternalAsync("/internal/ghl/token/refresh", new { agencyId, locationId = (string?)null, rejectedToken = current });
        Assert.NotEqual(current, refreshed);
    }

    private async Task<string> InternalAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(World.Auth, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Internal-Key", World.InternalKey);
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        World.Secrets.Add("GHL access token", token);
        return token!;
    }

    /// <summary>Credentials that do not work are secrets too: the failure paths must not log them either.</summary>
    private async Task RefusedCredentialsAsync()
    {
        var inventedKey = "pvk_" + Base64Url(32);
        var forgedJwt = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9." + Base64Url(48) + "." + Base64Url(64);
        var wrongInternalKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var forgedCookie = "CfDJ8" + Base64Url(120);
        World.Secrets.Add("invented API key", inventedKey);
        World.Secrets.Add("forged JWT", forgedJwt);
        World.Secrets.Add("wrong internal key", wrongInternalKey);
        World.Secrets.Add("forged session cookie", forgedCookie);

        foreach (var (bearer, path) in new[] { (inventedKey, "/api/jobs"), (inventedKey, "/api/auth/me"), (forgedJwt, "/api/jobs") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(World.Gateway, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var cookie = new HttpRequestMessage(HttpMethod.Get, new Uri(World.Gateway, "/api/jobs")))
        {
            cookie.Headers.Add("Cookie", "provisioner.session=" + forgedCookie);
            using var response = await _http.SendAsync(cookie);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var internalCall = new HttpRequestMessage(HttpMethod.Post, new Uri(World.Auth, "/internal/ghl/token"))
        {
            Content = JsonContent.Create(new { agencyId = NorthStar }),
        };
        internalCall.Headers.Add("X-Internal-Key", wrongInternalKey);
        using var refused = await _http.SendAsync(internalCall);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static string Base64Url(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
