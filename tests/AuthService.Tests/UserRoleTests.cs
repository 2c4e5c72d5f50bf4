using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Provisioner.Contracts.Auth;

namespace Provisioner.AuthService.Tests;

public sealed class UserRoleTests(AuthWorldFixture fixture) : IClassFixture<AuthWorldFixture>
{
    [Fact]
    public async Task ChangeRole_AdminPromotesViewer_TakesEffectInTheirSessionAndPublishes()
    {
        var companyId = TestAgency.NewCompanyId();
        var admin = await fixture.World.ConnectAsync(companyId, "u1");
        var second = await fixture.World.ConnectAsync(companyId, "u2");
        var secondId = (await second.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("user").GetProperty("id").GetString();

        var response = await admin.PutAsJsonAsync($"/api/auth/users/{secondId}/role", new { role = "operator" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("operator", (await second.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("role").GetString());
        await fixture.World.Host.Events.WaitForAsync<UserRoleChanged>(
            m => m.AgencyId == companyId && m.NewRole == "operator" && m.OldRole == "viewer");
    }

    [Fact]
    public async Task ChangeRole_LastAdminDemotesSelf_Conflict()
    {
        var admin = await fixture.World.ConnectAsync(TestAgency.NewCompanyId(), "u1");
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("user").GetProperty("id").GetString();

        var response = await admin.PutAsJsonAsync($"/api/auth/users/{adminId}/role", new { role = "viewer" });

        await ConnectFlowTests.AssertProblemAsync(response, HttpStatusCode.Conflict, "role");
    }

    [Fact]
    public async Task ChangeRole_ByViewer_Forbidden()
    {
        var companyId = TestAgency.NewCompanyId();
        var admin = await fixture.World.ConnectAsync(companyId, "u1");
        var viewer = await fixture.World.ConnectAsync(companyId, "u2");
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("user").GetProperty("id").GetString();

        var response = await viewer.PutAsJsonAsync($"/api/auth/users/{adminId}/role", new { role = "viewer" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ChangeRole_UnknownRole_ValidationProblemNamingRole()
    {
        var admin = await fixture.World.ConnectAsync(TestAgency.NewCompanyId(), "u1");
        var adminId = (await admin.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("user").GetProperty("id").GetString();

        var response = await admin.PutAsJsonAsync($"/api/auth/users/{adminId}/role", new { role = "root" });

        await ConnectFlowTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "role");
    }

    [Fact]
    public async Task Disconnect_ByAdmin_DeletesTokensAndPublishes()
    {
        var companyId = TestAgency.NewCompanyId();
        var admin = await fixture.World.ConnectAsync(companyId, "u1");
        var viewer = await fixture.World.ConnectAsync(companyId, "u2");

        var byViewer = await viewer.PostAsync("/api/auth/disconnect", null);
        var byAdmin = await admin.PostAsync("/api/auth/disconnect", null);

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byAdmin.StatusCode);
        var agency = (await admin.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("agency");
        Assert.Equal("Disconnected", agency.GetProperty("connectionState").GetString());
        Assert.Equal(JsonValueKind.Null, agency.GetProperty("tokenExpiresAt").ValueKind);
        await fixture.World.Host.Events.SingleAsync<AgencyDisconnected>(m => m.AgencyId == companyId);
    }
}
