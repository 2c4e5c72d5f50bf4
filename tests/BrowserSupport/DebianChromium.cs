using Microsoft.Playwright;

namespace Provisioner.BrowserSupport;

/// <summary>
/// Headless Chromium from Debian's <c>chromium</c> package, driven by Playwright's bundled driver. Nothing is downloaded
/// (no <c>playwright install</c>). A missing browser fails the tests, it never skips them.
/// </summary>
public static class DebianChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ExecutablePath}. The browser tests drive Debian's chromium package: " +
                "run ./provisioner test (it installs it) or apt-get install -y chromium.");
        }

        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }
}
