using Microsoft.Playwright;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium per test collection (<see cref="DebianChromium"/>), and a fresh context per test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser fixture is not initialised.");

    public async Task InitializeAsync()
    {
        // The machine is shared and noisy: give expectations room; they still return as soon as they hold.
        Assertions.SetDefaultExpectTimeout(15_000);
        PortalPage.DefaultTimeout = 30_000;
        _playwright = await Playwright.CreateAsync();
        _browser = await DebianChromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh context (own cookies and storage) per test, so tests share no browser state.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
