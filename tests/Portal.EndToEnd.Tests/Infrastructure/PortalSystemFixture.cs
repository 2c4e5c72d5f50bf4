using System.Net.Http.Json;
using Microsoft.Playwright;
using Provisioner.ServiceDefaults;
using Provisioner.ServiceDefaults.Health;
using Provisioner.TestSupport;

namespace Provisioner.Portal.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One whole system (AppHost: GhlSandbox, every service, the portal, the gateway) and one headless Chromium for the
/// whole test run; each test opens its own browser context. Started once because a start takes 40 s on a quiet machine
/// and several minutes on the loaded shared one.
/// </summary>
public sealed class PortalSystemFixture : IAsyncLifetime
{
    /// <summary>NorthStar, the sandbox's first agency: the admin session's agency.</summary>
    public const string NorthStar = "NorthStar Digital Marketing";

    /// <summary>Peak Local Media, the sandbox's second agency: the viewer test's agency (so it changes no one else's roles).</summary>
    public const string Peak = "Peak Local Media";

    /// <summary>For navigations through the services (consent, callback, job pages): a wait that returns as soon as it holds.</summary>
    public const float NavigationTimeout = 180_000;

    // A hang guard, not a performance figure: AppHost was seen to need over 5 minutes to get every service healthy under
    // a load average of 70-90 on the shared 2-core machine, and over 10 minutes at 150.
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(900);
    private static readonly string[] Services =
        [ResourceNames.GhlSandbox, ResourceNames.Auth, ResourceNames.Provisioning, ResourceNames.Advisor, ResourceNames.Audit, ResourceNames.Web, ResourceNames.Gateway];

    private readonly SemaphoreSlim _adminGate = new(1, 1);
    private SystemRun? _run;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _adminStorageState;

    internal SystemRun Run => _run ?? throw new InvalidOperationException("The system is not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>For the sandbox's admin API and direct API calls; no cookies (each caller passes its own credentials).</summary>
    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(100) };

    public Uri Url(string pathAndQuery) => new(Run.GatewayUrl, pathAndQuery);

    public Uri SandboxUrl(string pathAndQuery) => new(Run.SandboxUrl, pathAndQuery);

    public async Task InitializeAsync()
    {
        // The machine is shared and noisy: expectations get room; they still return as soon as they hold.
        Assertions.SetDefaultExpectTimeout(60_000);
        PortalPage.DefaultTimeout = 120_000;
        _run = await SystemRun.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await DebianChromium.LaunchAsync(_playwright);
        await WaitUntilHealthyAsync();
        await WarmUpAsync();
    }

    /// <summary>A fresh browser context (own cookies), optionally signed in with a saved storage state.</summary>
    public async Task<IPage> NewPageAsync(string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            StorageState = storageState,
        });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A page signed in as NorthStar's admin. The first call connects through the consent page as a person would; later
    /// calls reuse that session's cookies in a new context.
    /// </summary>
    public async Task<IPage> AdminPageAsync()
    {
        await _adminGate.WaitAsync();
        try
        {
            if (_adminStorageState is null)
            {
                var page = await NewPageAsync();
                await ConnectThroughConsentAsync(page, NorthStar, shotPrefix: "admin");
                _adminStorageState = await page.Context.StorageStateAsync();
                // Warms the portal's own path to ProvisioningService (token exchange, jobs query) with this user.
                await page.OpenAsync(Url("/jobs"));
                await Assertions.Expect(page.Locator(".job-row, #jobs-empty, #jobs-error").First).ToBeVisibleAsync(new() { Timeout = NavigationTimeout });
                return page;
            }
        }
        finally
        {
            _adminGate.Release();
        }

        return await NewPageAsync(_adminStorageState);
    }

    /// <summary>
    /// /connect signed out → "Connect your agency" → the sandbox's consent page → choose the agency → Approve → back on the
    /// portal, signed in. Screenshots of the call to action and the consent page.
    /// </summary>
    public async Task ConnectThroughConsentAsync(IPage page, string agencyName, string shotPrefix)
    {
        await page.OpenAsync(Url("/connect"));
        await Assertions.Expect(page.Locator("#connect-button")).ToBeVisibleAsync();
        await Shots.SaveAsync(page, $"{shotPrefix}-connect-signed-out");

        // A click that navigates waits for that navigation: AuthService's /connect and, after Approve, its callback (code
        // exchange with the sandbox, database, redirect) took over 30 s under a load average above 100.
        await page.Locator("#connect-button").ClickAsync(new() { Timeout = NavigationTimeout });
        await page.WaitForURLAsync(url => url.StartsWith(Run.SandboxUrl + "oauth/chooselocation", StringComparison.Ordinal), new() { Timeout = NavigationTimeout });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Connect");
        await page.GetByLabel(agencyName, new() { Exact = false }).CheckAsync();
        await Shots.SaveAsync(page, $"{shotPrefix}-consent");

        await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync(new() { Timeout = NavigationTimeout });
        // callback → 302 to the portal's root on the gateway's origin.
        await page.WaitForURLAsync(
            url => url.StartsWith(Run.GatewayUrl.ToString(), StringComparison.Ordinal) && !url.Contains("/api/auth/", StringComparison.Ordinal),
            new() { Timeout = NavigationTimeout });
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Adds a sandbox fault rule (<c>POST /_sandbox/faults</c>).</summary>
    public async Task AddFaultAsync(object rule)
    {
        using var response = await Http.PostAsJsonAsync(SandboxUrl("/_sandbox/faults"), rule);
        Assert.True(response.IsSuccessStatusCode, $"fault rule: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task ClearFaultsAsync()
    {
        using var response = await Http.DeleteAsync(SandboxUrl("/_sandbox/faults"));
        Assert.True(response.IsSuccessStatusCode, $"clear faults: {(int)response.StatusCode}");
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_run is not null)
        {
            await _run.DisposeAsync();
        }

        Http.Dispose();
        _adminGate.Dispose();
    }

    /// <summary>
    /// The portal's first prerender of a page (JIT, MudBlazor, the first token exchange) took over 60 s under a load
    /// average above 100: requested once here, so the first test's navigation does not pay for it.
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var warm = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(300) };
        foreach (var path in new[] { "/connect", "/provision", "/jobs" })
        {
            using var response = await warm.GetAsync(Url(path));
            Assert.True(response.IsSuccessStatusCode, $"warm-up {path}: {(int)response.StatusCode}");
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        try
        {
            await Eventually.TrueAsync(
                () =>
                {
                    if (Run.HasExited)
                    {
                        throw new InvalidOperationException($"AppHost exited early.\n{Run.Tail(["apphost"], 60)}");
                    }

                    var state = Run.ReadState();
                    return Task.FromResult(state is not null && Services.All(name => state.Resources.Any(r => r.Name == name && r.State == "Healthy")));
                },
                StartupDeadline,
                "every service healthy in AppHost's state file");

            // The gateway's aggregate: every backend as the gateway sees it (a backend's checks can outlast the gateway's
            // per-backend timeout now and then on the loaded machine, hence polled).
            await Eventually.TrueAsync(
                async () =>
                {
                    try
                    {
                        using var response = await Http.GetAsync(Url(HealthEndpoints.HealthPath));
                        return (await response.Content.ReadFromJsonAsync<HealthResponse>(HealthJson.Options))?.Status == "Healthy";
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(120),
                "the gateway's /health to say Healthy");
        }
        catch (TimeoutException e)
        {
            var state = Run.ReadState();
            var states = string.Join(", ", state?.Resources.Select(r => $"{r.Name}={r.State}") ?? ["no state file"]);
            var notReady = state?.Resources.Where(r => r.State != "Healthy").Select(r => r.Name) ?? [];
            throw new TimeoutException($"{e.Message}\nStates: {states}\n{Run.Tail(notReady.Append("apphost"))}", e);
        }
    }
}
