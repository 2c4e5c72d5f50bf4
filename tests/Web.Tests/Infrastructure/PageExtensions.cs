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

    /// <summary>
    /// Sets a file on a Blazor <c>InputFile</c> (what MudFileUpload renders) once that input can receive it.
    /// </summary>
    /// <remarks>
    /// InputFile attaches its <c>change</c> listener from JavaScript that its OnAfterRenderAsync starts, i.e. only after
    /// the render batch that put the <c>&lt;input&gt;</c> in the DOM has reached the browser and been acknowledged. An
    /// upload panel inside SignedInView appears after <c>data-interactive</c> (the session is read first), and
    /// SetInputFilesAsync acts as soon as the element is attached: under load the change event fired before the listener
    /// existed and was lost, so the page never saw the file (CI: the report never appeared). Blazor's init sets
    /// <c>_blazorInputFileNextFileId</c> on the element in the same synchronous call that adds the listeners, so waiting
    /// for it waits for exactly the missing condition; setting the files again on a timer could instead start a second
    /// upload that cancels a slow first one.
    /// </remarks>
    public static async Task SetBlazorInputFileAsync(this ILocator input, FilePayload file, float timeout = 30_000)
    {
        var element = await input.ElementHandleAsync(new() { Timeout = timeout });
        try
        {
            await input.Page.WaitForFunctionAsync(
                "el => el._blazorInputFileNextFileId !== undefined", element, new() { Timeout = timeout, PollingInterval = 50 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"Blazor's InputFile script did not initialise the file input within {timeout} ms (no _blazorInputFileNextFileId: " +
                "the circuit is stuck, or a new Blazor version renamed the marker this helper waits for).", e);
        }

        await element.SetInputFilesAsync(file);
    }
}
