using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class MainLayoutTests(BrowserFixture browser, PortalFixture portal)
{
    private static readonly string[] Sections =
        ["Dashboard", "Provision", "Bulk", "Jobs", "Snapshots", "Audit", "Settings", "Operations", "Connect"];

    [Fact]
    public async Task Dashboard_WhenOpened_RendersShellAndBecomesInteractive()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(portal.Url("/"));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#connection-chip")).ToContainTextAsync("Not connected");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).First;
        foreach (var section in Sections)
        {
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = section, Exact = true })).ToBeVisibleAsync();
        }

        // Interactive: the theme toggle is handled by the circuit and flips its own label and the page colours.
        var background = await BodyBackgroundAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        await Eventually(async () => await BodyBackgroundAsync(page) != background, "the dark theme's background");
    }

    [Fact]
    public async Task NavLink_WhenClicked_NavigatesInsideTheCircuit()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(portal.Url("/"));
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await page.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(portal.Url("/operations").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operations", Level = 1 })).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the link reloaded the page");
    }

    [Fact]
    public async Task Drawer_OnPhoneWidth_HidesBehindMenuButton()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.OpenAsync(portal.Url("/"));
        var operations = page.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true });

        await Assertions.Expect(operations).Not.ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Assertions.Expect(operations).ToBeInViewportAsync();
        await Screenshots.SaveAsync(page, "phone-drawer-open");

        await operations.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operations", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SkipLink_WhenActivatedByKeyboard_FocusesMainContent()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(portal.Url("/"));
        // FocusOnNavigate puts focus on the page's h1 (for screen readers); Tab from there would go to the page's own
        // content (the dashboard's "Connect your agency"). The skip link is the document's first Tab stop: start there.
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();
        // Focusing the body moves the sequential focus starting point to the document's start (a blur would not).
        await page.EvaluateAsync("() => { document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex'); }");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#main-content")).ToBeFocusedAsync();
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static Task Eventually(Func<Task<bool>> condition, string what) =>
        TestSupport.Eventually.TrueAsync(condition, TimeSpan.FromSeconds(10), what);
}
