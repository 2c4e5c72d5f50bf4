using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class DashboardTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task Dashboard_WithoutAgencyStream_ShowsStatsAndPicksUpNewJobsByPolling()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "viewer");
        portal.Provisioning.AddJob(session, "Dash Running", "Running");
        portal.Provisioning.AddJob(session, "Dash Done", "Succeeded");
        await page.OpenAsync(portal.Url("/"));

        await Assertions.Expect(page.Locator("[data-stat='today'] .stat-value")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("[data-stat='in-progress'] .stat-value")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-stat='success-rate'] .stat-value")).ToHaveTextAsync("75%");
        await Assertions.Expect(page.Locator("[data-stat='median-duration'] .stat-value")).ToHaveTextAsync("1 min 35 s");
        await Assertions.Expect(page.Locator("#recent-jobs")).ToContainTextAsync("Dash Running");
        await Assertions.Expect(page.Locator("#dashboard-connection")).ToContainTextAsync(session.AgencyName);
        // The fake has no GET /api/jobs/events: the page says it polls, and does.
        await Assertions.Expect(page.Locator("#dashboard-live")).ToHaveTextAsync("Refreshing every 1 s");
        await Screenshots.SaveAsync(page, "dashboard");

        portal.Provisioning.AddJob(session, "Dash Newcomer", "Queued");

        await Assertions.Expect(page.Locator("#recent-jobs")).ToContainTextAsync("Dash Newcomer");
        await Assertions.Expect(page.Locator("[data-stat='today'] .stat-value")).ToHaveTextAsync("3");
    }

    [Fact]
    public async Task Dashboard_WithoutSession_ShowsConnectCallToAction()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(portal.Url("/"));

        await Assertions.Expect(page.Locator("#connect-cta")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-stat]")).ToHaveCountAsync(0);
    }
}
