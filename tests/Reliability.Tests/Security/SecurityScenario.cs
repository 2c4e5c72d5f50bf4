using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;

namespace Provisioner.Reliability.Tests.Security;

/// <summary>
/// One run of everything that handles a secret, all through the gateway as a browser or a script would: both seeded
/// agencies connect through GHL's OAuth (state, code, nonce and session cookies), API keys are created, JWTs issued, a
/// job with two users is provisioned (GHL location tokens, user passwords), the agency tokens are refreshed, the portal
/// renders signed-in pages, and invented credentials are refused. Every secret goes into the world's ledger.
/// </summary>
public sealed class SecurityScenario : IAsyncLifetime
{
    public const string NorthStar = "Gx7pQ2rT9vLm4KdW8sHa";
    public const string Peak = "Hk2mW8cV5nB1xZ4qR6tY";
    private const string NorthStarDental = "OhbVrpoiVgRV5IfLBcbf";
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(5) };

    // The consent answer redirects to the registered callback (the default gateway address); the test follows it
    // itself, to this run's gateway.
    private readonly HttpClient _noRedirects = new(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(5) };
    private SecurityWorld? _world;
    private Browser? _peak;

    internal SecurityWorld World => _world ?? throw new InvalidOperationException("The security world has not started.");

    /// <summary>NorthStar's signed-in browser (cookie jar on the gateway's origin).</summary>
    internal Browser NorthStarBrowser { get; private set; } = null!;

    internal string OperatorKey { get; private set; } = null!;

    internal Guid JobId { get; private set; }

    internal string JobStatus { get; private set; } = "";

    internal TimeSpan StartTime { get; private set; }

    internal TimeSpan RunTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        _world = await SecurityWorld.StartAsync();
        StartTime = clock.Elapsed;

        NorthStarBrowser = await ConnectAsync(NorthStar);
        var peak = _peak = await ConnectAsync(Peak);

        var adminKey = await CreateKeyAsync(NorthStarBrowser, "sec-admin", "admin");
        OperatorKey = await CreateKeyAsync(NorthStarBrowser, "sec-operator", "operator");
        await CreateKeyAsync(peak, "sec-viewer", "viewer");
        await IssueJwtAsync(adminKey);
        await IssueJwtAsync(null, NorthStarBrowser);

        (JobId, JobStatus) = await ProvisionAsync(OperatorKey);
        await RefreshAgencyTokenAsync(NorthStar);
        await RefreshAgencyTokenAsync(Peak);
        await RenderPortalAsync(NorthStarBrowser);
        await RefusedCredentialsAsync();

        // The console logger writes from a background queue: give it a moment before anyone reads the output.
        await Task.Delay(TimeSpan.FromSeconds(3));
        RunTime = clock.Elapsed - StartTime;
    }

    /// <summary>/api/auth/connect → the sandbox's consent form → the callback, all but the consent through the gateway.</summary>
    private async Task<Browser> ConnectAsync(string companyId)
    {
        var browser = new Browser(World.Gateway);
        using var start = await browser.Client.GetAsync("/api/auth/connect");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        RecordCookies(browser);
        var consent = HttpUtility.ParseQueryString(start.Headers.Location!.Query);
        World.Secrets.Add("OAuth state", consent["state"]);
        using var decision = await _noRedirects.PostAsync(new Uri(World.Sandbox, "/oauth/chooselocation"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = consent["client_id"]!,
            ["redirect_uri"] = consent["redirect_uri"]!,
            ["scope"] = consent["scope"]!,
            ["state"] = consent["state"]!,
            ["decision"] = "approve",
            ["companyId"] = companyId,
        }));
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        World.Secrets.Add("OAuth code", HttpUtility.ParseQueryString(decision.Headers.Location!.Query)["code"]);

        using var callback = await browser.Client.GetAsync("/api/auth/callback" + decision.Headers.Location!.Query);
        Assert.True(callback.StatusCode == HttpStatusCode.Redirect, $"callback for {companyId}: {(int)callback.StatusCode}");
        browser.SetCookieHeaders = callback.Headers.TryGetValues("Set-Cookie", out var setCookies) ? [.. setCookies] : [];
        RecordCookies(browser);
        Assert.True(browser.Cookies.GetAllCookies().Any(c => c.Name == "provisioner.session"), "no session cookie after the callback");
        return browser;
    }

    private void RecordCookies(Browser browser)
    {
        foreach (Cookie cookie in browser.Cookies.GetAllCookies())
        {
            World.Secrets.Add(cookie.Name.StartsWith("provisioner.session", StringComparison.Ordinal) ? "session cookie" : "OAuth nonce cookie", cookie.Value);
        }
    }

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

    private async Task<(Guid JobId, string Status)> ProvisionAsync(string apiKey)
    {
        var email = $"sec-{Guid.NewGuid():N}"[..16] + "@secure-dental.example";
        var intake = new JsonObject
        {
            ["business"] = new JsonObject
            {
                ["name"] = "Secure Dental " + Guid.NewGuid().ToString("N")[..6],
                ["email"] = email,
                ["phone"] = "(312) 744-5000",
                ["country"] = "US",
                ["timezone"] = "America/Chicago",
            },
            ["snapshotId"] = NorthStarDental,
            ["customValues"] = new JsonObject { ["Greeting"] = "Welcome to {{business.name}}" },
            ["users"] = new JsonArray
            {
                new JsonObject { ["firstName"] = "Ann", ["lastName"] = "Lee", ["email"] = $"ann.{email}", ["role"] = "admin" },
                new JsonObject { ["firstName"] = "Bob", ["lastName"] = "Ray", ["email"] = $"bob.{email}", ["role"] = "user" },
            },
        };
        using var submit = new HttpRequestMessage(HttpMethod.Post, new Uri(World.Gateway, "/api/provision")) { Content = JsonContent.Create(intake) };
        submit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        submit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var accepted = await _http.SendAsync(submit);
        var body = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"POST /api/provision: {(int)accepted.StatusCode} {body}");
        var jobId = JsonNode.Parse(body)!["jobId"]!.GetValue<Guid>();

        var deadline = DateTime.UtcNow + JobTimeout;
        var status = "";
        while (DateTime.UtcNow < deadline)
        {
            using var poll = new HttpRequestMessage(HttpMethod.Get, new Uri(World.Gateway, $"/api/jobs/{jobId}"));
            poll.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using var job = await _http.SendAsync(poll);
            if (job.IsSuccessStatusCode)
            {
                status = (await job.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString() ?? "";
                if (status is "Succeeded" or "Failed" or "Cancelled" or "Compensated")
                {
                    break;
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return (jobId, status);
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

    /// <summary>The portal's pages as the signed-in user: Web calls AuthService and ProvisioningService with the cookie.</summary>
    private static async Task RenderPortalAsync(Browser browser)
    {
        foreach (var path in new[] { "/", "/jobs", "/connect", "/settings" })
        {
            using var page = await browser.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
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

    public async Task DisposeAsync()
    {
        NorthStarBrowser?.Dispose();
        _peak?.Dispose();
        _http.Dispose();
        _noRedirects.Dispose();
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }
}

/// <summary>A browser on the gateway's origin: a cookie jar, no automatic redirects.</summary>
internal sealed class Browser : IDisposable
{
    public Browser(Uri gateway)
    {
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromMinutes(5),
        };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    /// <summary>The Set-Cookie headers of the OAuth callback, as the browser received them.</summary>
    public IReadOnlyList<string> SetCookieHeaders { get; set; } = [];

    public void Dispose() => Client.Dispose();
}
