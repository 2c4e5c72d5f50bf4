using Microsoft.Playwright;

namespace Provisioner.BrowserSupport;

/// <summary>What every browser test does with a portal page: open it, wait for its circuit, hand it a file.</summary>
public static class PortalPage
{
    /// <summary>
    /// How long these helpers wait when not told: a test project sets it once for its machine and hosts (like
    /// Playwright's own <c>Assertions.SetDefaultExpectTimeout</c>); the waits still return as soon as they hold.
    /// </summary>
    public static float DefaultTimeout { get; set; } = 30_000;

    /// <summary>
    /// Waits until the Blazor circuit is live (MainLayout sets data-interactive in OnAfterRender). Clicking the
    /// prerendered page before then loses the click (TOOLCHAIN.md §6).
    /// </summary>
    public static Task WaitForInteractiveAsync(this IPage page, float? timeout = null) =>
        Assertions.Expect(page.Locator("[data-interactive='true']")).ToBeAttachedAsync(new() { Timeout = timeout ?? DefaultTimeout });

    /// <summary>Opens a page of the portal and waits for it to become interactive; returns the document response.</summary>
    public static async Task<IResponse> OpenAsync(this IPage page, Uri url, float? timeout = null)
    {
        // The first request of a page does the server-side prerender, which on a shared 2-core machine under heavy load
        // has taken longer than Playwright's 15 s default (a wait, not a performance assert: it returns at "load").
        var response = await page.GotoAsync(url.ToString(), new PageGotoOptions { Timeout = timeout ?? DefaultTimeout })
            ?? throw new InvalidOperationException($"No response for {url}.");
        await page.WaitForInteractiveAsync(timeout);
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
    public static async Task SetBlazorInputFileAsync(this ILocator input, FilePayload file, float? timeout = null)
    {
        var wait = timeout ?? DefaultTimeout;
        var element = await input.ElementHandleAsync(new() { Timeout = wait });
        try
        {
            await input.Page.WaitForFunctionAsync(
                "el => el._blazorInputFileNextFileId !== undefined", element, new() { Timeout = wait, PollingInterval = 50 });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"Blazor's InputFile script did not initialise the file input within {wait} ms (no _blazorInputFileNextFileId: " +
                "the circuit is stuck, or a new Blazor version renamed the marker this helper waits for).", e);
        }

        await element.SetInputFilesAsync(file);
    }
}
