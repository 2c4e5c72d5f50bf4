using Microsoft.Playwright;
using Provisioner.TestSupport;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

/// <summary>
/// The Operations page against portals configured differently from the shared one (a portal per test), signed in as an
/// admin of the shared fixture's fake AuthService (the page is admin-only).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class OperationsBrokerStateTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task Queues_WithoutManagementSettings_SayNotConfigured()
    {
        await using var factory = new PortalFactory(new Dictionary<string, string?>
        {
            ["services:auth:http:0"] = portal.Auth.Address.ToString(),
        });
        var baseAddress = factory.Start();
        var page = await SignedInAdminPageAsync(baseAddress);
        await page.OpenAsync(new Uri(baseAddress, "/operations"));

        await Assertions.Expect(page.Locator("#queues-not-configured")).ToContainTextAsync("not configured");
    }

    [Fact]
    public async Task Queues_WhenBrokerRejectsCredentials_ShowErrorInlineAndAsToast()
    {
        var management = new UriBuilder(TestEnvironment.RabbitMqManagementUri) { Password = $"wrong-{Guid.NewGuid():N}" };
        await using var factory = new PortalFactory(new Dictionary<string, string?>
        {
            ["RabbitMqManagementOptions:Url"] = management.Uri.ToString(),
            ["services:auth:http:0"] = portal.Auth.Address.ToString(),
        });
        var baseAddress = factory.Start();
        var page = await SignedInAdminPageAsync(baseAddress);
        await page.OpenAsync(new Uri(baseAddress, "/operations"));

        await Assertions.Expect(page.Locator("#queues-error")).ToContainTextAsync("HTTP 401");
        var toast = page.Locator(".mud-snackbar .problem-toast");
        await Assertions.Expect(toast.Locator(".problem-title")).ToContainTextAsync("RabbitMQ management API");
        await Assertions.Expect(toast.Locator(".problem-title")).ToContainTextAsync("401");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync(management.Password);
    }

    private async Task<IPage> SignedInAdminPageAsync(Uri baseAddress)
    {
        var page = await browser.NewPageAsync();
        var session = portal.Sessions.Add("admin");
        await page.Context.AddCookiesAsync(
        [
            new Cookie { Name = "provisioner.session", Value = session.Cookie, Url = baseAddress.ToString(), HttpOnly = true },
        ]);
        return page;
    }
}
