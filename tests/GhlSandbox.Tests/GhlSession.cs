using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Provisioner.GhlSandbox.Tests;

/// <summary>Drives the sandbox the way a GHL client does: consent, code exchange, Version header, bearer tokens.</summary>
public sealed class GhlSession(SandboxFactory factory)
{
    public HttpClient Http { get; } = factory.CreateNoRedirectClient();

    /// <summary>Approves the app for an agency on the consent page; returns the redirect's query (code, state).</summary>
    public async Task<Dictionary<string, string>> ApproveAsync(string companyId, string state = "st-123", string decision = "approve")
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = SandboxFactory.ClientId,
            ["redirect_uri"] = SandboxFactory.RedirectUri,
            ["state"] = state,
            ["companyId"] = companyId,
            ["decision"] = decision,
        });
        using var response = await Http.PostAsync("/oauth/chooselocation", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return RedirectQuery(response);
    }

    public static Dictionary<string, string> RedirectQuery(HttpResponseMessage response)
    {
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(SandboxFactory.RedirectUri, location, StringComparison.Ordinal);
        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public Task<HttpResponseMessage> ExchangeAsync(IDictionary<string, string> fields) =>
        Http.PostAsync("/oauth/token", new FormUrlEncodedContent(fields));

    public static Dictionary<string, string> CodeGrant(string code) => new()
    {
        ["client_id"] = SandboxFactory.ClientId,
        ["client_secret"] = SandboxFactory.ClientSecret,
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["user_type"] = "Company",
        ["redirect_uri"] = SandboxFactory.RedirectUri,
    };

    public static Dictionary<string, string> RefreshGrant(string refreshToken) => new()
    {
        ["client_id"] = SandboxFactory.ClientId,
        ["client_secret"] = SandboxFactory.ClientSecret,
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["user_type"] = "Company",
    };

    /// <summary>A Company token for the agency (the whole consent + exchange flow).</summary>
    public async Task<JsonElement> CompanyTokenAsync(string companyId = SandboxFactory.NorthStarId)
    {
        var query = await ApproveAsync(companyId);
        using var response = await ExchangeAsync(CodeGrant(query["code"]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<string> CompanyAccessTokenAsync(string companyId = SandboxFactory.NorthStarId) =>
        (await CompanyTokenAsync(companyId)).GetProperty("access_token").GetString()!;

    public async Task<string> LocationAccessTokenAsync(string companyToken, string companyId, string locationId)
    {
        using var response = await SendAsync(HttpMethod.Post, "/oauth/locationToken", companyToken,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["companyId"] = companyId, ["locationId"] = locationId }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public async Task<string> CreateLocationAsync(string companyToken, string companyId, string? snapshotId, string name = "Bright Smiles Dental")
    {
        using var response = await SendJsonAsync(HttpMethod.Post, "/locations/", companyToken, new
        {
            name, companyId, snapshotId, country = "US", timezone = "America/Chicago", phone = "+15125550100",
            prospectInfo = new { firstName = "Dana", lastName = "Lee", email = $"dana.{Guid.NewGuid():N}@brightsmiles.example" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null, bool version = true)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (version)
        {
            request.Headers.Add("Version", "2021-07-28");
        }

        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string? token, object body) =>
        SendAsync(method, path, token, JsonContent.Create(body));

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
