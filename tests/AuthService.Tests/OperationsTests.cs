using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioner.AuthService.Tests;

/// <summary><c>GET /api/auth/operations/backlog</c>: the bus outbox's backlog, for admins only.</summary>
public sealed class OperationsTests(AuthWorldFixture fixture) : IClassFixture<AuthWorldFixture>
{
    private const string Backlog = "/api/auth/operations/backlog";

    [Fact]
    public async Task Backlog_ByRole_AdminReadsFiguresOthersForbidden()
    {
        var companyId = TestAgency.NewCompanyId();
        var admin = await fixture.World.ConnectAsync(companyId, "u1");
        var viewer = await fixture.World.ConnectAsync(companyId, "u2");
        var operatorUser = await fixture.World.ConnectAsync(companyId, "u3");
        var operatorId = (await operatorUser.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("user").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/auth/users/{operatorId}/role", new { role = "operator" })).StatusCode);

        using var asAdmin = await admin.GetAsync(Backlog);
        using var asViewer = await viewer.GetAsync(Backlog);
        using var asOperator = await operatorUser.GetAsync(Backlog);
        using var anonymous = await fixture.World.Host.Browser().GetAsync(Backlog);

        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        var body = JsonDocument.Parse(await asAdmin.Content.ReadAsStringAsync()).RootElement;
        Assert.True(body.GetProperty("outboxMessages").GetInt64() >= 0);
        Assert.True(body.TryGetProperty("scheduledPending", out _));
        Assert.True(body.TryGetProperty("inboxRows", out _));
        Assert.Equal(HttpStatusCode.Forbidden, asViewer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asOperator.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
