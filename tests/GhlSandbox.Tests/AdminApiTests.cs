using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioner.GhlSandbox.Tests;

public sealed class AdminApiTests
{
    [Fact]
    public async Task State_AfterProvisioning_ShowsAgenciesLocationWithSnapshotAndValues()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, SandboxFactory.NorthStarDentalSnapshot);

        var state = await session.Http.GetFromJsonAsync<JsonElement>("/_sandbox/state");

        var agencies = state.GetProperty("agencies").EnumerateArray().ToList();
        Assert.Equal(2, agencies.Count);
        Assert.All(agencies, a => Assert.True(a.GetProperty("snapshots").GetArrayLength() >= 10));
        Assert.All(agencies, a => Assert.Equal(1, a.GetProperty("admins").GetArrayLength()));
        Assert.Contains(agencies, a => a.GetProperty("snapshots").EnumerateArray().Any(s => s.GetProperty("name").GetString() == "General Local Business Starter"));
        var location = state.GetProperty("locations").EnumerateArray().Single(l => l.GetProperty("id").GetString() == locationId);
        Assert.Equal(SandboxFactory.NorthStarDentalSnapshot, location.GetProperty("snapshotId").GetString());
        Assert.Contains(state.GetProperty("customValues").EnumerateArray(), v => v.GetProperty("locationId").GetString() == locationId);
    }

    [Fact]
    public async Task Journal_AfterOAuthFlow_RecordsRequestsWithoutSecrets()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var code = (await session.ApproveAsync(SandboxFactory.NorthStarId))["code"];
        using var exchanged = await session.ExchangeAsync(GhlSession.CodeGrant(code));
        var token = await GhlSession.JsonAsync(exchanged);
        var access = token.GetProperty("access_token").GetString()!;
        using var withSecretQuery = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}?code={code}", access);

        var journal = await session.Http.GetStringAsync("/_sandbox/journal");
        var byResource = await session.Http.GetFromJsonAsync<JsonElement>($"/_sandbox/journal?resource={SandboxFactory.NorthStarId}");

        Assert.Contains("/oauth/token", journal);
        Assert.Contains("code=***", journal);
        Assert.DoesNotContain(code, journal);
        Assert.DoesNotContain(access, journal);
        Assert.DoesNotContain(token.GetProperty("refresh_token").GetString()!, journal);
        Assert.DoesNotContain(SandboxFactory.ClientSecret, journal);
        var entry = Assert.Single(byResource.EnumerateArray());
        Assert.Equal("Company", entry.GetProperty("tokenType").GetString());
        Assert.Equal(200, entry.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Reset_AfterChanges_RestoresSeedAndClearsFaults()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);
        using var fault = await session.Http.PostAsJsonAsync("/_sandbox/faults", new { path = "/users/*", status = 500 });

        using var reset = await session.Http.PostAsync("/_sandbox/reset", null);
        var state = await session.Http.GetFromJsonAsync<JsonElement>("/_sandbox/state");
        var faults = await session.Http.GetFromJsonAsync<JsonElement>("/_sandbox/faults");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, state.GetProperty("locations").GetArrayLength());
        Assert.Equal(0, state.GetProperty("liveTokens").GetInt32());
        Assert.Equal(0, faults.GetArrayLength());
    }

    [Fact]
    public async Task StateFile_AfterRestart_KeepsLocationsAndTokens()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ghl-sandbox-{Guid.NewGuid():N}.json");
        var settings = new Dictionary<string, string?> { ["GhlSandbox:StateFile"] = file };
        try
        {
            string agency, locationId;
            using (var first = new SandboxFactory(settings))
            {
                var session = new GhlSession(first);
                agency = await session.CompanyAccessTokenAsync();
                locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);
            }

            using var second = new SandboxFactory(settings);
            using var response = await new GhlSession(second).SendAsync(HttpMethod.Get, $"/locations/{locationId}", agency);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(agency, await File.ReadAllTextAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
