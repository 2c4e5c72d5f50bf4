using Microsoft.Playwright;

namespace Provisioner.Web.Tests.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the Blazor circuit is live (MainLayout sets data-interactive in OnAfterRender). Clicking the
    /// prerendered page before then loses the click (TOOLCHAIN.md §6).
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        Assertions.Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = 20_000 });

    /// <summary>Opens a page of the portal and waits for it to become interactive; returns the document response.</summary>
    public static async Task<IResponse> OpenAsync(this IPage page, Uri url)
    {
        // 30 s: the first request of a page does the server-side prerender, which on a shared 2-core machine under heavy
        // load has taken longer than the 15 s default (a wait, not a performance assert: it returns at "load").
        var response = await page.GotoAsync(url.ToString(), new PageGotoOptions { Timeout = 30_000 })
            ?? throw new InvalidOperationException($"No response for {url}.");
        await page.WaitForInteractiveAsync();
        return response;
    }
}
