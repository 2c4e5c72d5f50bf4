using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioner.AuthService.Tests;

public sealed class TenantIsolationTests(AuthWorldFixture fixture) : IClassFixture<AuthWorldFixture>
{
    [Fact]
    public async Task AgencyB_SessionAndKey_NeverSeeAgencyAData()
    {
        var agencyA = TestAgency.NewCompanyId();
        var agencyB = TestAgency.NewCompanyId();
        var adminA = await fixture.World.ConnectAsync(agencyA, "user-a");
        var adminB = await fixture.World.ConnectAsync(agencyB, "user-b");
        var keyA = await ApiKeyTests.CreateKeyAsync(adminA, "a-key", "admin");
        var keyB = await ApiKeyTests.CreateKeyAsync(adminB, "b-key", "admin");
        var usersA = await adminA.GetFromJsonAsync<JsonElement>("/api/auth/users");
        var userA = usersA[0].GetProperty("id").GetString();
        var keyBClient = fixture.World.Host.CreateClient();
        keyBClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", keyB.GetProperty("key").GetString());

        foreach (var b in new[] { adminB, keyBClient })
        {
            var users = await b.GetStringAsync("/api/auth/users");
            var keys = await b.GetStringAsync("/api/auth/api-keys");
            var me = await b.GetFromJsonAsync<JsonElement>("/api/auth/me");

            Assert.DoesNotContain("user-a", users, StringComparison.Ordinal);
            Assert.Contains("user-b", users, StringComparison.Ordinal);
            Assert.DoesNotContain(keyA.GetProperty("id").GetString()!, keys, StringComparison.Ordinal);
            Assert.Equal(agencyB, me.GetProperty("agency").GetProperty("id").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/auth/api-keys/{keyA.GetProperty("id").GetString()}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound,
                (await b.PutAsJsonAsync($"/api/auth/users/{userA}/role", new { role = "viewer" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await adminA.GetAsync("/api/auth/me")).StatusCode);
        Assert.Contains(keyA.GetProperty("id").GetString()!, await adminA.GetStringAsync("/api/auth/api-keys"), StringComparison.Ordinal);
    }
}
