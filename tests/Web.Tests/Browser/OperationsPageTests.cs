using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class OperationsPageTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task Services_WithFakeBackends_ShowEachServiceState()
    {
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "admin");
        await page.OpenAsync(portal.Url("/operations"));

        var auth = page.Locator("tr[data-service='auth']");
        await Assertions.Expect(auth.Locator(".service-status")).ToHaveTextAsync("Healthy");
        await Assertions.Expect(auth).ToContainTextAsync(" ms");

        var provisioning = page.Locator("tr[data-service='provisioning']");
        await Assertions.Expect(provisioning.Locator(".service-status")).ToHaveTextAsync("Unhealthy");
        await Assertions.Expect(provisioning.Locator($"[data-entry='{PortalFixture.FailingEntry}']"))
            .ToContainTextAsync($"{PortalFixture.FailingEntry}: Unhealthy — {PortalFixture.FailingDescription}");
        await Assertions.Expect(provisioning).ToContainTextAsync("HTTP 503");

        var advisor = page.Locator("tr[data-service='advisor']");
        await Assertions.Expect(advisor.Locator(".service-status")).ToHaveTextAsync("Unreachable");
        await Assertions.Expect(advisor).ToContainTextAsync("Unreachable (ConnectionError)");
        await Screenshots.SaveAsync(page, "operations");
    }

    [Fact]
    public async Task Queues_WithDeclaredQueue_ListItsDepthAndConsumers()
    {
        await using var queue = await TestQueue.DeclareAsync(messages: 3);
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "admin");
        await page.OpenAsync(portal.Url("/operations"));

        await page.GetByLabel("Filter queues").FillAsync(queue.Name);

        var row = page.Locator($"tr[data-queue='{queue.Name}']");
        await Assertions.Expect(row.Locator(".queue-depth")).ToHaveTextAsync("3", new() { Timeout = 30_000 }); // the broker publishes statistics every 5 s
        await Assertions.Expect(row.Locator(".queue-consumers")).ToHaveTextAsync("0");
        await Assertions.Expect(page.Locator("#queue-table tbody tr")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "operations-queue");
    }

    [Fact]
    public async Task LastUpdated_WhilePageIsOpen_AdvancesOnItsOwn()
    {
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "admin");
        await page.OpenAsync(portal.Url("/operations"));
        var lastUpdated = page.Locator("#last-updated");
        await Assertions.Expect(lastUpdated).ToContainTextAsync("Last updated");
        var first = await lastUpdated.TextContentAsync();

        await Assertions.Expect(lastUpdated).Not.ToHaveTextAsync(first!, new() { Timeout = 15_000 });
        await Assertions.Expect(lastUpdated).ToContainTextAsync("Last updated");
    }
}
