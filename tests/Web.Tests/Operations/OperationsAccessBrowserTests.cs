using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Operations;

/// <summary>
/// The admin-only Operations page in Chromium against the shared portal. The fake ProvisioningService has no operations
/// endpoints, so an admin sees its 404 in place while the rest of the page (health, instances, AuthService's backlog
/// call) still renders; a viewer sees the notice and no Operations link.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OperationsAccessBrowserTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task Operations_AsViewer_SaysAdminsOnlyAndHidesTheLink()
    {
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "viewer");
        await page.OpenAsync(portal.Url("/operations"));

        await Assertions.Expect(page.Locator("#operations-admins-only")).ToContainTextAsync("Operations is for admins only.");
        await Assertions.Expect(page.Locator("#operations-admins-only")).ToContainTextAsync("you are signed in as viewer");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).First;
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Jobs", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#service-health")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "operations-viewer");
    }

    [Fact]
    public async Task Operations_AsAdmin_ShowsInstancesAndEachPanelsState()
    {
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "admin");
        await page.OpenAsync(portal.Url("/operations"));

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).First;
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#instances-note")).ToContainTextAsync("each running instance");
        await Assertions.Expect(page.Locator("tr[data-service='auth'] .service-instances")).ToContainTextAsync("auth-service-scheduler");
        await Assertions.Expect(page.Locator("tr[data-backlog='provisioning'] .backlog-problem")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#attention-error")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "operations-admin");
    }
}
