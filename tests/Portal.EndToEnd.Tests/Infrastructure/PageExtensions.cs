using Microsoft.Playwright;

namespace Provisioner.Portal.EndToEnd.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the Blazor circuit is live (MainLayout sets data-interactive in OnAfterRender): a click on the
    /// prerendered page before then is lost.
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = 120_000 });

    /// <summary>Opens a page of the portal and waits for it to become interactive.</summary>
    public static async Task<IResponse> OpenAsync(this IPage page, Uri url)
    {
        // A generous wait (it returns at "load"): the first request of a page prerenders on a loaded 2-core machine.
        var response = await page.GotoAsync(url.ToString(), new PageGotoOptions { Timeout = 120_000 })
            ?? throw new InvalidOperationException($"No response for {url}.");
        await page.WaitForInteractiveAsync();
        return response;
    }
}
