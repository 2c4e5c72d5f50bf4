using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Provisioner.Portal.EndToEnd.Tests.Infrastructure;

namespace Provisioner.Portal.EndToEnd.Tests;

/// <summary>
/// Issue #9: "a viewer cannot submit" — in the browser (no Submit on /provision, no Create on /provision/bulk) and at the
/// API (403 for the viewer's session and for a viewer API key). Peak Local Media is used so NorthStar's admin keeps
/// its role for the other tests.
/// </summary>
[Collection(PortalSystemCollection.Name)]
public sealed class ViewerTests(PortalSystemFixture system)
{
    /// <summary>Peak's id in the sandbox's seed (GhlSandbox/README.md).</summary>
    private const string PeakId = "Hk2mW8cV5nB1xZ4qR6tY";

    private static readonly object ViewerIntake = new
    {
        business = new { name = "Viewer Attempt Co", email = "viewer@attempt.example", phone = "(512) 555-0199", country = "US", timezone = "America/Chicago" },
    };

    [Fact]
    public async Task Viewer_OnProvisionPagesAndApi_CannotSubmit()
    {
        var page = await system.NewPageAsync();
        await system.ConnectThroughConsentAsync(page, PortalSystemFixture.Peak, shotPrefix: "viewer");
        var api = page.Context.APIRequest;
        var me = await GetJsonAsync(api, "/api/auth/me");
        Assert.Equal(PeakId, me.GetProperty("agency").GetProperty("id").GetString());
        var userId = me.GetProperty("user").GetProperty("id").GetString()!;

        // The only admin cannot step down (409 naming `role`); with a second admin in the agency, they can.
        var refused = await ChangeRoleAsync(api, userId, "viewer");
        Assert.True(refused.Status == 409, $"demoting the last admin: {refused.Status} {await refused.TextAsync()}");
        await AuthDatabase.AddAdminAsync(system.Run, PeakId, $"e2e-admin-{Guid.NewGuid():N}"[..30]);
        var demoted = await ChangeRoleAsync(api, userId, "viewer");
        Assert.True(demoted.Ok, $"demoting: {demoted.Status} {await demoted.TextAsync()}");
        Assert.Equal("viewer", (await GetJsonAsync(api, "/api/auth/me")).GetProperty("role").GetString());

        await page.OpenAsync(system.Url("/provision"));
        await Assertions.Expect(page.Locator("#viewer-notice")).ToContainTextAsync("can look at jobs but not start them");
        await Assertions.Expect(page.Locator("#submit-button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#preview-button")).ToHaveCountAsync(0);
        await Shots.SaveAsync(page, "viewer-provision");

        await page.OpenAsync(system.Url("/provision/bulk"));
        await Assertions.Expect(page.Locator("[data-testid='bulk-viewer-notice']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#bulk-create-button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid='bulk-upload']")).ToHaveCountAsync(0);
        await Shots.SaveAsync(page, "viewer-bulk");

        // The services enforce the same rule: a hidden button is convenience, not security.
        var bySession = await api.PostAsync(system.Url("/api/provision").ToString(), new()
        {
            DataObject = ViewerIntake,
            Headers = new Dictionary<string, string> { ["Idempotency-Key"] = $"viewer-{Guid.NewGuid():N}" },
        });
        Assert.True(bySession.Status == 403, $"provision with the viewer's session: {bySession.Status} {await bySession.TextAsync()}");

        var key = await api.PostAsync(system.Url("/api/auth/api-keys").ToString(), new() { DataObject = new { name = "viewer-e2e", role = "viewer" } });
        Assert.True(key.Status == 201, $"viewer key: {key.Status} {await key.TextAsync()}");
        var apiKey = (await key.JsonAsync())!.Value.GetProperty("key").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, system.Url("/api/provision")) { Content = JsonContent.Create(ViewerIntake) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Add("Idempotency-Key", $"viewer-key-{Guid.NewGuid():N}");
        using var byKey = await system.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, byKey.StatusCode);

        // A key cannot be made stronger than its creator's role either.
        var stronger = await api.PostAsync(system.Url("/api/auth/api-keys").ToString(), new() { DataObject = new { name = "too-strong", role = "operator" } });
        Assert.True(stronger.Status is 400 or 403, $"operator key created by a viewer: {stronger.Status}");
    }

    private async Task<JsonElement> GetJsonAsync(IAPIRequestContext api, string path)
    {
        var response = await api.GetAsync(system.Url(path).ToString());
        Assert.True(response.Ok, $"{path}: {response.Status} {await response.TextAsync()}");
        return (await response.JsonAsync())!.Value;
    }

    private Task<IAPIResponse> ChangeRoleAsync(IAPIRequestContext api, string userId, string role) =>
        api.PutAsync(system.Url($"/api/auth/users/{userId}/role").ToString(), new() { DataObject = new { role } });
}
