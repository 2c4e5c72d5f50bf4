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

    /// <summary>
    /// Sets a file on a Blazor <c>InputFile</c> (what MudFileUpload renders) once that input can receive it: the same
    /// helper as Web.Tests' PageExtensions, where the reason is written out. In short: InputFile's change listener is
    /// attached by script its OnAfterRenderAsync starts after the input is already in the DOM, and the bulk panel appears
    /// after <c>data-interactive</c>; a file set before that script ran was lost (Web.Tests' bulk test failed in CI).
    /// The script sets <c>_blazorInputFileNextFileId</c> in the same synchronous call that adds the listener.
    /// </summary>
    public static async Task SetBlazorInputFileAsync(this ILocator input, FilePayload file, float timeout = 120_000)
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
