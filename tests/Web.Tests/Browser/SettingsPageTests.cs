using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class SettingsPageTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task ApiKeys_CreateThenRevoke_ShowsTheKeyOnceAndMarksItRevoked()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "admin");
        await page.OpenAsync(portal.Url("/settings"));
        await Assertions.Expect(page.Locator("#keys-empty")).ToBeVisibleAsync();

        await page.Locator("#create-key").ClickAsync();
        await Assertions.Expect(page.Locator("[data-field='name']")).ToContainTextAsync("Name is required");

        await page.GetByLabel("Key name").FillAsync("ci");
        await page.Locator("#create-key").ClickAsync();

        await Assertions.Expect(page.Locator("#new-key-value")).ToContainTextAsync("pvk_secret_");
        var key = Assert.Single(session.ApiKeys);
        await Assertions.Expect(page.Locator("#new-key-value")).ToHaveTextAsync($"pvk_secret_{key.Id:N}");
        var row = page.Locator("tr[data-key='ci']");
        await Assertions.Expect(row.Locator(".key-state")).ToHaveTextAsync("Active");
        await Screenshots.SaveAsync(page, "settings-api-keys");

        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke key ci" }).ClickAsync();

        await Assertions.Expect(row.Locator(".key-state")).ToContainTextAsync("Revoked");
        await Assertions.Expect(row.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        Assert.NotNull(key.RevokedAt);
    }
}
