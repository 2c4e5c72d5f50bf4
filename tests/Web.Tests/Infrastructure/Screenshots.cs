using Microsoft.Playwright;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// Saves a screenshot of the viewport as a test artifact: under the test output folder's
/// <c>artifacts/screenshots</c>, or in the folder <c>PROVISIONER_WEB_SHOTS</c> names (for looking at the pages while
/// developing them). A later run overwrites a page's shot.
/// </summary>
public static class Screenshots
{
    public const string FolderVariable = "PROVISIONER_WEB_SHOTS";

    public static string Folder => Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        // Viewport only: a full-page shot resizes the viewport, which restarts MudBlazor's responsive layout transition.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png") });
    }
}
