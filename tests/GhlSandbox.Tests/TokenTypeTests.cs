using System.Net;

namespace Provisioner.GhlSandbox.Tests;

public sealed class TokenTypeTests(SharedSandbox shared) : IClassFixture<SharedSandbox>
{
    [Fact]
    public async Task CustomValues_AgencyToken_Returns401()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, SandboxFactory.NorthStarDentalSnapshot);

        using var response = await session.SendAsync(HttpMethod.Get, $"/locations/{locationId}/customValues", agency);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("authClass", (await GhlSession.JsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task CreateLocation_LocationToken_Returns401()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);
        var location = await session.LocationAccessTokenAsync(agency, SandboxFactory.NorthStarId, locationId);

        using var response = await session.SendJsonAsync(HttpMethod.Post, "/locations/", location, new { name = "X", companyId = SandboxFactory.NorthStarId });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Locations_TokenOfOtherAgency_NeverSeesItsData()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var northStar = await session.CompanyAccessTokenAsync(SandboxFactory.NorthStarId);
        var peak = await session.CompanyAccessTokenAsync(SandboxFactory.PeakId);
        var locationId = await session.CreateLocationAsync(northStar, SandboxFactory.NorthStarId, null);

        using var get = await session.SendAsync(HttpMethod.Get, $"/locations/{locationId}", peak);
        using var company = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", peak);
        using var snapshots = await session.SendAsync(HttpMethod.Get, $"/snapshots/?companyId={SandboxFactory.NorthStarId}", peak);
        using var search = await session.SendAsync(HttpMethod.Get, "/locations/search", peak);
        using var locationToken = await session.SendAsync(HttpMethod.Post, "/oauth/locationToken", peak,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["companyId"] = SandboxFactory.PeakId, ["locationId"] = locationId }));

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, company.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, snapshots.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, locationToken.StatusCode);
        Assert.DoesNotContain(locationId, await search.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CustomValues_LocationTokenOfOtherLocation_Returns401()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var first = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null, "First");
        var second = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null, "Second");
        var firstToken = await session.LocationAccessTokenAsync(agency, SandboxFactory.NorthStarId, first);

        using var response = await session.SendAsync(HttpMethod.Get, $"/locations/{second}/customValues", firstToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DeleteLocation_AppToken_Returns401BecauseScopeIsInternal()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, null);

        using var response = await session.SendAsync(HttpMethod.Delete, $"/locations/{locationId}?deleteTwilioAccount=false", agency);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The token is not authorized for this scope.", (await GhlSession.JsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Request_WithoutVersionHeader_Returns400()
    {
        var factory = shared.Factory;
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();

        using var response = await session.SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", agency, version: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutToken_Returns401()
    {
        var factory = shared.Factory;
        using var response = await new GhlSession(factory).SendAsync(HttpMethod.Get, $"/companies/{SandboxFactory.NorthStarId}", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
