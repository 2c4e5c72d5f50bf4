using Microsoft.Playwright;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// Saves a screenshot of the viewport when <c>PROVISIONER_WEB_SHOTS</c> names a folder (for looking at the pages while
/// developing them); does nothing otherwise, so test runs leave no files behind.
/// </summary>
public static class Screenshots
{
    public const string FolderVariable = "PROVISIONER_WEB_SHOTS";

    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        // Viewport only: a full-page shot resizes the viewport, which restarts MudBlazor's responsive layout transition.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png") });
    }
}
