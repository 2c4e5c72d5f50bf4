using Microsoft.Playwright;

namespace Provisioner.BrowserSupport;

/// <summary>
/// Saves a screenshot of the viewport as a test artifact: in the folder the environment variable names when set (for
/// looking at the pages while developing them), else <c>artifacts/&lt;folder&gt;</c> under the test output folder. A
/// later run overwrites a page's shot.
/// </summary>
public sealed class PageShots(string folderVariable, string defaultFolder)
{
    public string Folder => Environment.GetEnvironmentVariable(folderVariable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "artifacts", defaultFolder);

    public async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        // Viewport only: a full-page shot resizes the viewport, which restarts MudBlazor's responsive layout transition.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png") });
    }
}
