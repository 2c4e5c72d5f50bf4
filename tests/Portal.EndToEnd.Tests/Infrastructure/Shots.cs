using Microsoft.Playwright;

namespace Provisioner.Portal.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A screenshot of every page a test visits: <c>PROVISIONER_E2E_SHOTS</c> when set, else <c>artifacts/e2e-screenshots</c>
/// under the test output folder (bin/&lt;configuration&gt;/net10.0).
/// </summary>
public static class Shots
{
    private static readonly PageShots PageShots = new("PROVISIONER_E2E_SHOTS", "e2e-screenshots");

    public static Task SaveAsync(IPage page, string name) => PageShots.SaveAsync(page, name);
}
