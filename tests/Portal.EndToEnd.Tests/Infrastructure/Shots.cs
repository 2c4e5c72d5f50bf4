using Microsoft.Playwright;

namespace Provisioner.Portal.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A screenshot of every page a test visits: <c>PROVISIONER_E2E_SHOTS</c> when set, else
/// <c>artifacts/e2e-screenshots</c> under the test output folder (bin/&lt;configuration&gt;/net10.0).
/// </summary>
public static class Shots
{
    public const string FolderVariable = "PROVISIONER_E2E_SHOTS";

    public static string Folder => Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "artifacts", "e2e-screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        // Viewport only: a full-page shot resizes the viewport, which restarts MudBlazor's responsive layout transition.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png") });
    }
}
