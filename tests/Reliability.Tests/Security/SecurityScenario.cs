using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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
public sealed partial class SecurityScenario : IAsyncLifetime
{
    public const string NorthStar = SandboxSeed.NorthStar;
    public const string Peak = SandboxSeed.Peak;
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan QuietOutput = TimeSpan.FromSeconds(3);

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

        // The console logger writes from a background queue: the output is read once it has settled.
        await World.WaitForQuietOutputAsync(QuietOutput, TimeSpan.FromSeconds(30));
        RunTime = clock.Elapsed - StartTime;
    }

    /// <summary>/api/auth/connect → the sandbox's consent form → the callback, all but the consent through the gateway.</summary>
    private async Task<Browser> ConnectAsync(string companyId)
    {
        var browser = new Browser(World.Gateway);
        using var start = await browser.Client.GetAsync("/api/auth/connect");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        RecordCookies(browser);
        World.Secrets.Add("OAuth state", HttpUtility.ParseQueryString(start.Headers.Location!.Query)["state"]);
        using var decision = await AgencyConnection.ApproveAsync(_noRedirects, World.Sandbox, start.Headers.Location!, companyId);
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
            ["snapshotId"] = SandboxSeed.NorthStarDental,
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

    /// <summary>The portal's pages as the signed-in user: Web calls AuthService and ProvisioningService with the cookie.</summary>
    private static async Task RenderPortalAsync(Browser browser)
    {
        foreach (var path in new[] { "/", "/jobs", "/connect", "/settings" })
        {
            using var page = await browser.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

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
