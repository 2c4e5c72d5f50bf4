using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class ProvisionPageTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task Submit_WhenServerRejectsFields_ShowsEachErrorAtItsField()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "operator");
        await page.OpenAsync(portal.Url("/provision"));

        await FillBusinessAsync(page, FakeProvisioningService.InvalidBusinessName);
        await page.Locator("#add-user").ClickAsync();
        await page.GetByLabel("User 1 first name").FillAsync("Sam");
        await page.GetByLabel("User 1 last name").FillAsync("Lee");
        await page.GetByLabel("User 1 e-mail").FillAsync("sam@example.com");
        await page.Locator("#submit-button").ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='business.phone']"))
            .ToContainTextAsync("'business.phone' is not a valid phone number for US.");
        await Assertions.Expect(page.Locator("[data-field='users[0].email']"))
            .ToContainTextAsync("'users[0].email' must be an e-mail address.");
        await Assertions.Expect(page.Locator(".problem-toast .problem-title").First).ToHaveTextAsync("The intake is not valid.");
        await Assertions.Expect(page).ToHaveURLAsync(portal.Url("/provision").ToString());
        await Screenshots.SaveAsync(page, "provision-server-errors");
        await Assertions.Expect(page.Locator("[data-field='business.name']")).Not.ToContainTextAsync("is required");
        Assert.Empty(portal.Provisioning.JobsOf(session));
    }

    [Fact]
    public async Task Submit_WithRequiredFieldsMissing_ShowsClientMessagesAndSendsNothing()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "operator");
        await page.OpenAsync(portal.Url("/provision"));

        await page.Locator("#submit-button").ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='business.name']")).ToContainTextAsync("Business name is required.");
        await Assertions.Expect(page.Locator("[data-field='business.email']")).ToContainTextAsync("Business e-mail is required.");
        Assert.Empty(portal.Provisioning.JobsOf(session));
    }

    [Fact]
    public async Task Submit_ValidIntakeClickedTwice_CreatesOneJobAndOpensIt()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "admin");
        await page.OpenAsync(portal.Url("/provision"));
        await FillBusinessAsync(page, "Twice Clicked Bakery");

        await page.Locator("#preview-button").ClickAsync();
        await Assertions.Expect(page.Locator("#plan-snapshot")).ToContainTextAsync("chosen by the advisor");
        await Screenshots.SaveAsync(page, "provision-preview");

        await page.Locator("#submit-button").DblClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/jobs/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("#job-business")).ToHaveTextAsync("Twice Clicked Bakery");
        Assert.Single(portal.Provisioning.JobsOf(session));
    }

    [Fact]
    public async Task Provision_AsViewer_ShowsNoSubmit()
    {
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "viewer");
        await page.OpenAsync(portal.Url("/provision"));

        await Assertions.Expect(page.Locator("#viewer-notice")).ToContainTextAsync("can look at jobs but not start them");
        await Assertions.Expect(page.Locator("#submit-button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#preview-button")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "provision-viewer");
    }

    private static async Task FillBusinessAsync(IPage page, string name)
    {
        await page.GetByLabel("Business name").FillAsync(name);
        await page.GetByLabel("Business e-mail").FillAsync("owner@example.com");
        await page.GetByLabel("Business phone").FillAsync("555-0100");
    }
}
