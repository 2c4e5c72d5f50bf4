using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class ConnectPageTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task Connect_WithoutSession_ShowsConnectCallToAction()
    {
        var page = await browser.NewPageAsync();
        await page.OpenAsync(portal.Url("/connect"));

        var connect = page.Locator("#connect-cta").GetByRole(AriaRole.Link, new() { Name = "Connect your agency" });
        await Assertions.Expect(connect).ToBeVisibleAsync();
        // A full navigation to AuthService's connect endpoint (through the gateway), never a Blazor route.
        await Assertions.Expect(connect).ToHaveAttributeAsync("href", "/api/auth/connect");
        await Assertions.Expect(connect).ToHaveAttributeAsync("target", "_top");
        await Assertions.Expect(page.Locator("#connection-chip")).ToContainTextAsync("Not connected");
        await Screenshots.SaveAsync(page, "connect-signed-out");
    }

    [Fact]
    public async Task Connect_AsAdmin_ShowsConnectionAndDisconnectsAfterConfirming()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "admin");
        await page.OpenAsync(portal.Url("/connect"));

        await Assertions.Expect(page.Locator("#agency-name")).ToHaveTextAsync(session.AgencyName);
        await Assertions.Expect(page.Locator("#connection-state")).ToContainTextAsync("Connected");
        await Assertions.Expect(page.Locator("#token-expiry")).ToHaveTextAsync("2030-01-02 03:04:05 UTC");
        await Assertions.Expect(page.Locator("#scopes")).ToContainTextAsync("locations.write");
        await Assertions.Expect(page.Locator("#connection-chip")).ToContainTextAsync(session.AgencyName);
        await Assertions.Expect(page.Locator("#reconnect-button")).ToHaveAttributeAsync("href", "/api/auth/connect");
        await Screenshots.SaveAsync(page, "connect-admin");

        await page.Locator("#disconnect-button").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToContainTextAsync("Disconnect this agency?");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();

        await Assertions.Expect(page.Locator("#connection-state")).ToContainTextAsync("Disconnected");
        await Assertions.Expect(page.Locator("#disconnect-button")).ToHaveCountAsync(0);
        Assert.Equal(1, session.Disconnects);
    }

    [Fact]
    public async Task Connect_AsViewerNeedingReconnect_ExplainsAndOffersNoDisconnect()
    {
        var page = await browser.NewPageAsync(width: 390, height: 844);
        await portal.SignInAsync(page, "viewer", "NeedsReconnect");
        await page.OpenAsync(portal.Url("/connect"));

        await Assertions.Expect(page.Locator("#connection-state")).ToContainTextAsync("Needs reconnect");
        await Assertions.Expect(page.Locator("#needs-reconnect")).ToContainTextAsync("must reconnect");
        await Assertions.Expect(page.Locator("#reconnect-button")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#sign-out-button")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#disconnect-button")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "connect-needs-reconnect-phone");
    }
}
