using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class SecurityHeadersTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task PageResponse_Always_CarriesSecurityHeaders()
    {
        var page = await browser.NewPageAsync();
        var response = await page.OpenAsync(portal.Url("/"));
        var headers = await response.AllHeadersAsync();

        var csp = headers["content-security-policy"];
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("strict-origin-when-cross-origin", headers["referrer-policy"]);
    }

    [Fact]
    public async Task Portal_WhenUsed_ViolatesNoContentSecurityPolicy()
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        // Load, open a circuit (WebSocket), re-render after a click and an in-app navigation (to the admin-only
        // Operations page, whose refresh loop re-renders on its own).
        await portal.SignInAsync(page, "admin");
        await page.OpenAsync(portal.Url("/"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#last-updated")).ToContainTextAsync("Last updated");

        Assert.Empty(violations);
    }
}
