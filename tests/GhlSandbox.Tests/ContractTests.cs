
namespace Provisioner.GhlSandbox.Tests;

/// <summary>
/// Every operation the sandbox serves answers with a status the spec documents for it and a body that validates
/// against the spec's schema for that status (success and error bodies alike).
/// </summary>
public sealed class ContractTests(SharedSandbox shared) : IClassFixture<SharedSandbox>
{
    [Fact]
    public async Task OAuthOperations_Responses_MatchSpec()
    {
        var factory = shared.Factory;
        var s = new GhlSession(factory);
        var code = (await s.ApproveAsync(SandboxFactory.NorthStarId))["code"];

        using var token = await s.ExchangeAsync(GhlSession.CodeGrant(code));
        await ConformsAsync(token, "oauth.json", "POST", "/oauth/token", 200);
        var body = await GhlSession.JsonAsync(token);
        var agency = body.GetProperty("access_token").GetString()!;
        using var refreshed = await s.ExchangeAsync(GhlSession.RefreshGrant(body.GetProperty("refresh_token").GetString()!));
        await ConformsAsync(refreshed, "oauth.json", "POST", "/oauth/token", 200);
        agency = (await GhlSession.JsonAsync(refreshed)).GetProperty("access_token").GetString()!;
        using var reused = await s.ExchangeAsync(GhlSession.CodeGrant(code));
        await ConformsAsync(reused, "oauth.json", "POST", "/oauth/token", 400);
        using var missing = await s.ExchangeAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token" });
        await ConformsAsync(missing, "oauth.json", "POST", "/oauth/token", 422);

        var locationId = await s.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);
        using var locationToken = await s.SendAsync(HttpMethod.Post, "/oauth/locationToken", agency,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["companyId"] = SandboxFactory.NorthStarId, ["locationId"] = locationId }));
        await ConformsAsync(locationToken, "oauth.json", "POST", "/oauth/locationToken", 200);
        using var installed = await s.SendAsync(HttpMethod.Get,
            $"/oauth/installedLocations?companyId={SandboxFactory.NorthStarId}&appId=65f0a1b2c3d4e5f601234567", agency);
        await ConformsAsync(installed, "oauth.json", "GET", "/oauth/installedLocations", 200);
    }

    [Fact]
    public async Task CompanyAndSnapshotOperations_Responses_MatchSpec()
    {
        var factory = shared.Factory;
        var s = new GhlSession(factory);
        var agency = await s.CompanyAccessTokenAsync();
        var locationId = await s.CreateLocationAsync(agency, SandboxFactory.NorthStarId, SandboxFactory.NorthStarDentalSnapshot);

        using var company = await s.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency);
        await ConformsAsync(company, "companies.json", "GET", "/companies/{companyId}", 200);
        using var snapshots = await s.SendAsync(HttpMethod.Get, $"/snapshots/?companyId={SandboxFactory.NorthStarId}", agency);
        await ConformsAsync(snapshots, "snapshots.json", "GET", "/snapshots/", 200);
        using var status = await s.SendAsync(HttpMethod.Get,
            $"/snapshots/snapshot-status/{SandboxFactory.NorthStarDentalSnapshot}/location/{locationId}?companyId={SandboxFactory.NorthStarId}", agency);
        await ConformsAsync(status, "snapshots.json", "GET", "/snapshots/snapshot-status/{snapshotId}/location/{locationId}", 200);
        using var unauthorized = await s.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", "bogus");
        await ConformsAsync(unauthorized, "companies.json", "GET", "/companies/{companyId}", 401);
    }

    [Fact]
    public async Task LocationOperations_Responses_MatchSpec()
    {
        var factory = shared.Factory;
        var s = new GhlSession(factory);
        var agency = await s.CompanyAccessTokenAsync();

        using var created = await s.SendJsonAsync(HttpMethod.Post, "/locations/", agency, new
        {
            name = "Summit Roofing Co", companyId = SandboxFactory.NorthStarId, country = "US", snapshotId = "ZkSBvrjn9Wvgfygw2wMq",
            prospectInfo = new { firstName = "Sam", lastName = "Ortiz", email = "sam@summitroofing.example" },
            settings = new { allowDuplicateContact = false }, social = new { facebookUrl = "https://facebook.com/summitroofing" },
        });
        await ConformsAsync(created, "locations.json", "POST", "/locations/", 200);
        var id = (await GhlSession.JsonAsync(created)).GetProperty("id").GetString()!;
        using var get = await s.SendAsync(HttpMethod.Get, $"/locations/{id}", agency);
        await ConformsAsync(get, "locations.json", "GET", "/locations/{locationId}", 200);
        using var search = await s.SendAsync(HttpMethod.Get, $"/locations/search?companyId={SandboxFactory.NorthStarId}&limit=5", agency);
        await ConformsAsync(search, "locations.json", "GET", "/locations/search", 200);
        using var put = await s.SendJsonAsync(HttpMethod.Put, $"/locations/{id}", agency,
            new { companyId = SandboxFactory.NorthStarId, website = "https://summitroofing.example", snapshot = new { id = "ZkSBvrjn9Wvgfygw2wMq", @override = true } });
        await ConformsAsync(put, "locations.json", "PUT", "/locations/{locationId}", 200);
        using var delete = await s.SendAsync(HttpMethod.Delete, $"/locations/{id}?deleteTwilioAccount=false", agency);
        await ConformsAsync(delete, "locations.json", "DELETE", "/locations/{locationId}", 401);
        using var invalid = await s.SendJsonAsync(HttpMethod.Post, "/locations/", agency, new { companyId = SandboxFactory.NorthStarId });
        await ConformsAsync(invalid, "locations.json", "POST", "/locations/", 400);
    }

    [Fact]
    public async Task DeleteLocation_InternalScopeAllowed_ResponseMatchesSpec()
    {
        using var factory = new SandboxFactory(new Dictionary<string, string?>
        {
            ["GhlSandbox:AllowInternalScopes"] = "true",
            ["GhlSandbox:Scopes"] = "locations.readonly locations.write locations.internal-access-only",
        });
        var s = new GhlSession(factory);
        var agency = await s.CompanyAccessTokenAsync();
        var id = await s.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);

        using var delete = await s.SendAsync(HttpMethod.Delete, $"/locations/{id}?deleteTwilioAccount=false", agency);
        await ConformsAsync(delete, "locations.json", "DELETE", "/locations/{locationId}", 200);
        using var gone = await s.SendAsync(HttpMethod.Get, $"/locations/{id}", agency);
        await ConformsAsync(gone, "locations.json", "GET", "/locations/{locationId}", 400);
    }

    [Fact]
    public async Task CustomValueOperations_Responses_MatchSpec()
    {
        var factory = shared.Factory;
        var s = new GhlSession(factory);
        var agency = await s.CompanyAccessTokenAsync();
        var locationId = await s.CreateLocationAsync(agency, SandboxFactory.NorthStarId, SandboxFactory.NorthStarDentalSnapshot);
        var location = await s.LocationAccessTokenAsync(agency, SandboxFactory.NorthStarId, locationId);
        var path = $"/locations/{locationId}/customValues";

        using var list = await s.SendAsync(HttpMethod.Get, path, location);
        await ConformsAsync(list, "locations.json", "GET", "/locations/{locationId}/customValues", 200);
        using var created = await s.SendJsonAsync(HttpMethod.Post, path, location, new { name = "Google Review Link", value = "https://g.page/r/x" });
        await ConformsAsync(created, "locations.json", "POST", "/locations/{locationId}/customValues", 201);
        var id = (await GhlSession.JsonAsync(created)).GetProperty("customValue").GetProperty("id").GetString()!;
        using var get = await s.SendAsync(HttpMethod.Get, $"{path}/{id}", location);
        await ConformsAsync(get, "locations.json", "GET", "/locations/{locationId}/customValues/{id}", 200);
        using var put = await s.SendJsonAsync(HttpMethod.Put, $"{path}/{id}", location, new { name = "Google Review Link", value = "https://g.page/r/y" });
        await ConformsAsync(put, "locations.json", "PUT", "/locations/{locationId}/customValues/{id}", 200);
        using var invalid = await s.SendJsonAsync(HttpMethod.Put, $"{path}/{id}", location, new { name = "Only a name" });
        await ConformsAsync(invalid, "locations.json", "PUT", "/locations/{locationId}/customValues/{id}", 422);
        using var delete = await s.SendAsync(HttpMethod.Delete, $"{path}/{id}", location);
        await ConformsAsync(delete, "locations.json", "DELETE", "/locations/{locationId}/customValues/{id}", 200);
        using var agencyToken = await s.SendAsync(HttpMethod.Get, path, agency);
        await ConformsAsync(agencyToken, "locations.json", "GET", "/locations/{locationId}/customValues", 401);
    }

    [Fact]
    public async Task UserOperations_Responses_MatchSpec()
    {
        var factory = shared.Factory;
        var s = new GhlSession(factory);
        var agency = await s.CompanyAccessTokenAsync();
        var locationId = await s.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);
        var location = await s.LocationAccessTokenAsync(agency, SandboxFactory.NorthStarId, locationId);
        var email = $"ana.{Guid.NewGuid():N}@brightsmiles.example";

        using var created = await s.SendJsonAsync(HttpMethod.Post, "/users/", agency, new
        {
            companyId = SandboxFactory.NorthStarId, firstName = "Ana", lastName = "Silva", email, password = "S3cure!Passw0rd",
            type = "account", role = "admin", locationIds = new[] { locationId }, permissions = new { contactsEnabled = true },
        });
        await ConformsAsync(created, "users.json", "POST", "/users/", 201);
        var id = (await GhlSession.JsonAsync(created)).GetProperty("id").GetString()!;
        using var get = await s.SendAsync(HttpMethod.Get, $"/users/{id}", agency);
        await ConformsAsync(get, "users.json", "GET", "/users/{userId}", 200);
        using var search = await s.SendAsync(HttpMethod.Get, $"/users/search?companyId={SandboxFactory.NorthStarId}&locationId={locationId}", agency);
        await ConformsAsync(search, "users.json", "GET", "/users/search", 200);
        using var byEmail = await s.SendJsonAsync(HttpMethod.Post, "/users/search/filter-by-email", agency,
            new { companyId = SandboxFactory.NorthStarId, emails = email, projection = "all" });
        await ConformsAsync(byEmail, "users.json", "POST", "/users/search/filter-by-email", 200);
        using var byLocation = await s.SendAsync(HttpMethod.Get, $"/users/?locationId={locationId}", location);
        await ConformsAsync(byLocation, "users.json", "GET", "/users/", 200);
        using var put = await s.SendJsonAsync(HttpMethod.Put, $"/users/{id}", agency, new { role = "user", locationIds = new[] { locationId } });
        await ConformsAsync(put, "users.json", "PUT", "/users/{userId}", 200);
        using var weak = await s.SendJsonAsync(HttpMethod.Post, "/users/", agency, new
        {
            companyId = SandboxFactory.NorthStarId, firstName = "W", lastName = "K", email = "weak@brightsmiles.example", password = "short",
            type = "account", role = "user", locationIds = new[] { locationId },
        });
        await ConformsAsync(weak, "users.json", "POST", "/users/", 422);
        using var delete = await s.SendAsync(HttpMethod.Delete, $"/users/{id}", agency);
        await ConformsAsync(delete, "users.json", "DELETE", "/users/{userId}", 200);
    }

    private static async Task ConformsAsync(HttpResponseMessage response, string file, string method, string path, int expectedStatus)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expectedStatus, $"{method} {path}: expected {expectedStatus}, got {(int)response.StatusCode}: {body}");
        var errors = await SpecSchemas.ValidateResponseAsync(file, method, path, expectedStatus, body);
        Assert.True(errors.Count == 0, $"{method} {path} {expectedStatus} does not match the spec: {string.Join(" | ", errors)}\n{body}");
        _ = response.Content.Headers.ContentType ?? throw new InvalidOperationException($"{method} {path}: no content type");
        Assert.Equal("application/json", response.Content.Headers.ContentType.MediaType);
    }
}
