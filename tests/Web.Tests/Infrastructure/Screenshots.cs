using Microsoft.Playwright;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>Page screenshots as test artifacts: <c>artifacts/screenshots</c>, or the folder <c>PROVISIONER_WEB_SHOTS</c> names.</summary>
public static class Screenshots
{
    private static readonly PageShots Shots = new("PROVISIONER_WEB_SHOTS", "screenshots");

    public static Task SaveAsync(IPage page, string name) => Shots.SaveAsync(page, name);
}
