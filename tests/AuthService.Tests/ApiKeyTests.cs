using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioner.AuthService.Tests;

public sealed class ApiKeyTests(AuthWorldFixture fixture) : IClassFixture<AuthWorldFixture>
{
    [Fact]
    public async Task Create_ThenBearer_AuthenticatesWithKeyRoleAndAgency()
    {
        var companyId = TestAgency.NewCompanyId();
        var admin = await fixture.World.ConnectAsync(companyId, "u1");

        var created = await CreateKeyAsync(admin, "ci", "operator");
        var me = await KeyClient(created.GetProperty("key").GetString()!).GetFromJsonAsync<JsonElement>("/api/auth/me");

        Assert.Equal("operator", me.GetProperty("role").GetString());
        Assert.Equal("apikey", me.GetProperty("authenticatedBy").GetString());
        Assert.Equal(companyId, me.GetProperty("agency").GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_AfterCreate_ShowsPrefixButNeverTheKey()
    {
        var admin = await fixture.World.ConnectAsync(TestAgency.NewCompanyId(), "u1");
        var created = await CreateKeyAsync(admin, "reporting", "viewer");
        var key = created.GetProperty("key").GetString()!;

        var list = await admin.GetStringAsync("/api/auth/api-keys");

        Assert.Contains(created.GetProperty("prefix").GetString()!, list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.StartsWith(created.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_Key_IsNoLongerAccepted()
    {
        var admin = await fixture.World.ConnectAsync(TestAgency.NewCompanyId(), "u1");
        var created = await CreateKeyAsync(admin, "temp", "viewer");
        var client = KeyClient(created.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        var revoke = await admin.DeleteAsync($"/api/auth/api-keys/{created.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Bearer_UnknownKey_Unauthorized()
    {
        var client = KeyClient("pvk_" + new string('A', 43));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Create_RoleAboveCreator_ValidationProblemNamingRole()
    {
        var companyId = TestAgency.NewCompanyId();
        await fixture.World.ConnectAsync(companyId, "u1");
        var viewer = await fixture.World.ConnectAsync(companyId, "u2");

        var response = await viewer.PostAsJsonAsync("/api/auth/api-keys", new { name = "escalate", role = "admin" });

        await ConnectFlowTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, "role");
    }

    [Theory]
    [InlineData("", "viewer", "name")]
    [InlineData("ok", "owner", "role")]
    public async Task Create_InvalidInput_ValidationProblemNamingField(string name, string role, string field)
    {
        var admin = await fixture.World.ConnectAsync(TestAgency.NewCompanyId(), "u1");

        var response = await admin.PostAsJsonAsync("/api/auth/api-keys", new { name, role });

        await ConnectFlowTests.AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    internal static async Task<JsonElement> CreateKeyAsync(HttpClient client, string name, string role)
    {
        var response = await client.PostAsJsonAsync("/api/auth/api-keys", new { name, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private HttpClient KeyClient(string key)
    {
        var client = fixture.World.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
