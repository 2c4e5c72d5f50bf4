using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class NotFoundPageTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task UnknownUrl_WhenRequested_AnswersNotFoundPageWithStatus404()
    {
        var page = await browser.NewPageAsync();
        var response = await page.OpenAsync(portal.Url("/no-such-page"));

        Assert.Equal(404, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#not-found")).ToContainTextAsync("no-such-page");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task UnknownRoute_WhenNavigatedInApp_ShowsNotFoundPage()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(portal.Url("/"));

        // Blazor's own navigation (as a link inside the app does), not a page load: the Router shows the 404 page.
        await page.EvaluateAsync("() => Blazor.navigateTo('/no-such-section')");

        await Assertions.Expect(page).ToHaveURLAsync(portal.Url("/no-such-section").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the dashboard" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
    }
}
