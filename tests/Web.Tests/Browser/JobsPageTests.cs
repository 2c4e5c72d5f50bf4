using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class JobsPageTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task Jobs_WithAgencyJobs_ListsThemNewestFirstAndFiltersBySearch()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "viewer");
        var now = DateTimeOffset.UtcNow;
        portal.Provisioning.AddJob(session, "Alpha Dental", "Succeeded", now.AddMinutes(-30));
        var failed = portal.Provisioning.AddJob(session, "Beta Roofing", "Failed", now.AddMinutes(-20));
        portal.Provisioning.AddJob(session, "Alpha Plumbing", "Running", now.AddMinutes(-10));
        // Another agency's job must never show.
        portal.Provisioning.AddJob(portal.Sessions.Add("admin"), "Alpha Elsewhere", "Queued", now);

        await page.OpenAsync(portal.Url("/jobs"));

        var rows = page.Locator("#jobs-table tbody tr.job-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync("Alpha Plumbing");
        await Assertions.Expect(rows.Nth(0).Locator(".status-chip")).ToContainTextAsync("Running");
        await Assertions.Expect(rows.Nth(1).Locator(".status-chip")).ToContainTextAsync("Failed");
        await Screenshots.SaveAsync(page, "jobs");

        await page.GetByLabel("Search name or e-mail").FillAsync("alpha");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#jobs-table")).Not.ToContainTextAsync("Beta Roofing");

        await page.GetByLabel("Search name or e-mail").FillAsync("");
        await rows.GetByRole(AriaRole.Link, new() { Name = "Beta Roofing" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(portal.Url($"/jobs/{failed.Id}").ToString());
    }

    [Fact]
    public async Task Jobs_WithoutJobs_SaysSoAndLinksToProvision()
    {
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "operator");
        await page.OpenAsync(portal.Url("/jobs"));

        await Assertions.Expect(page.Locator("#jobs-empty")).ToContainTextAsync("No jobs yet");
        await Assertions.Expect(page.Locator("#jobs-empty").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "/provision");
    }

    [Fact]
    public async Task Jobs_WithoutSession_ShowsConnectCallToAction()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(portal.Url("/jobs"));

        await Assertions.Expect(page.Locator("#connect-cta")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#jobs-table")).ToHaveCountAsync(0);
    }
}
