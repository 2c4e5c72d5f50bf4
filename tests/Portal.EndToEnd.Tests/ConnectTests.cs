using Microsoft.Playwright;
using Provisioner.Portal.EndToEnd.Tests.Infrastructure;

namespace Provisioner.Portal.EndToEnd.Tests;

/// <summary>Issue #9: "connect through the consent page" — the sandbox's consent UI, clicked through (no auto-approval).</summary>
[Collection(PortalSystemCollection.Name)]
public sealed class ConnectTests(PortalSystemFixture system)
{
    /// <summary>NorthStar's id in the sandbox's seed (GhlSandbox/README.md).</summary>
    private const string NorthStarId = "Gx7pQ2rT9vLm4KdW8sHa";

    [Fact]
    public async Task Connect_ThroughSandboxConsentPage_SignsInAsTheAgencysAdmin()
    {
        var page = await system.NewPageAsync();

        await system.ConnectThroughConsentAsync(page, PortalSystemFixture.NorthStar, shotPrefix: "connect");

        await Assertions.Expect(page).ToHaveURLAsync(system.Url("/").ToString());
        await Assertions.Expect(page.Locator("#connection-chip")).ToContainTextAsync("NorthStar");
        await Shots.SaveAsync(page, "connect-dashboard");

        await page.OpenAsync(system.Url("/connect"));
        await Assertions.Expect(page.Locator("#agency-name")).ToContainTextAsync("NorthStar");
        await Assertions.Expect(page.Locator("#agency-id")).ToHaveTextAsync(NorthStarId);
        await Assertions.Expect(page.Locator("#connection-state")).ToContainTextAsync("Connected");
        await Assertions.Expect(page.Locator("#signed-in-as")).ToContainTextAsync("(admin)");
        await Assertions.Expect(page.Locator("#scopes")).ToContainTextAsync("locations.write");
        await Shots.SaveAsync(page, "connect-connected");
    }

    [Fact]
    public async Task Connect_DenyOnConsentPage_StaysSignedOut()
    {
        var page = await system.NewPageAsync();
        await page.OpenAsync(system.Url("/connect"));
        await page.Locator("#connect-button").ClickAsync(new() { Timeout = PortalSystemFixture.NavigationTimeout });
        await page.WaitForURLAsync(
            url => url.StartsWith(system.SandboxUrl("/oauth/chooselocation").ToString(), StringComparison.Ordinal),
            new() { Timeout = PortalSystemFixture.NavigationTimeout });

        var callback = page.WaitForResponseAsync(
            r => r.Url.StartsWith(system.Url("/api/auth/callback").ToString(), StringComparison.Ordinal),
            new() { Timeout = PortalSystemFixture.NavigationTimeout });
        await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).ClickAsync(new() { Timeout = PortalSystemFixture.NavigationTimeout });

        // AuthService answers the denied consent with a 403 ProblemDetails naming `error`; no session is created.
        Assert.Equal(403, (await callback).Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("The connection was not approved in GHL.");
        await Shots.SaveAsync(page, "connect-denied");
        await page.OpenAsync(system.Url("/connect"));
        await Assertions.Expect(page.Locator("#connect-button")).ToBeVisibleAsync();
    }
}
