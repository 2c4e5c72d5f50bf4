using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Provisioner.GhlSandbox.Tests;

public sealed class SnapshotLoadTests
{
    [Fact]
    public async Task SnapshotStatus_AsTimePasses_GoesFromPendingToCompletedAndValuesAppear()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new SandboxFactory(new Dictionary<string, string?> { ["GhlSandbox:SnapshotLoadDuration"] = "00:00:10" }, time);
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, SandboxFactory.NorthStarDentalSnapshot);
        var location = await session.LocationAccessTokenAsync(agency, SandboxFactory.NorthStarId, locationId);

        var start = await StatusAsync(session, agency, locationId);
        var startValues = await CustomValueNamesAsync(session, location, locationId);
        time.Advance(TimeSpan.FromSeconds(5));
        var middle = await StatusAsync(session, agency, locationId);
        time.Advance(TimeSpan.FromSeconds(5));
        var end = await StatusAsync(session, agency, locationId);
        var endValues = await CustomValueNamesAsync(session, location, locationId);

        Assert.Equal("processing", start.GetProperty("status").GetString());
        Assert.Equal(0, start.GetProperty("completed").GetArrayLength());
        Assert.Contains("custom_values", start.GetProperty("pending").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(startValues);
        Assert.Equal("processing", middle.GetProperty("status").GetString());
        Assert.InRange(middle.GetProperty("completed").GetArrayLength(), 1, 10);
        Assert.Equal("completed", end.GetProperty("status").GetString());
        Assert.Equal(0, end.GetProperty("pending").GetArrayLength());
        Assert.Contains("Business Name", endValues);
        Assert.Contains("Booking Link", endValues);
        Assert.Contains("New Patient Offer", endValues);
    }

    [Fact]
    public async Task CreateLocation_ZeroLoadDuration_ValuesPresentAtOnce()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, SandboxFactory.NorthStarDentalSnapshot);
        var location = await session.LocationAccessTokenAsync(agency, SandboxFactory.NorthStarId, locationId);

        Assert.Equal("completed", (await StatusAsync(session, agency, locationId)).GetProperty("status").GetString());
        Assert.Contains("Phone", await CustomValueNamesAsync(session, location, locationId));
    }

    [Fact]
    public async Task CreateLocation_SnapshotOfAnotherAgency_Returns400()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        using var response = await session.SendJsonAsync(HttpMethod.Post, "/locations/", agency,
            new { name = "Cross Tenant", companyId = SandboxFactory.NorthStarId, snapshotId = SandboxFactory.PeakDentalSnapshot });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task SnapshotStatus_NoPushForLocation_Returns400()
    {
        using var factory = new SandboxFactory();
        var session = new GhlSession(factory);
        var agency = await session.CompanyAccessTokenAsync();
        var locationId = await session.CreateLocationAsync(agency, SandboxFactory.NorthStarId, snapshotId: null);
        using var response = await session.SendAsync(HttpMethod.Get,
            $"/snapshots/snapshot-status/{SandboxFactory.NorthStarDentalSnapshot}/location/{locationId}?companyId={SandboxFactory.NorthStarId}", agency);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<JsonElement> StatusAsync(GhlSession session, string agency, string locationId)
    {
        using var response = await session.SendAsync(HttpMethod.Get,
            $"/snapshots/snapshot-status/{SandboxFactory.NorthStarDentalSnapshot}/location/{locationId}?companyId={SandboxFactory.NorthStarId}", agency);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await GhlSession.JsonAsync(response)).GetProperty("data");
    }

    private static async Task<List<string>> CustomValueNamesAsync(GhlSession session, string locationToken, string locationId)
    {
        using var response = await session.SendAsync(HttpMethod.Get, $"/locations/{locationId}/customValues", locationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await GhlSession.JsonAsync(response)).GetProperty("customValues").EnumerateArray().Select(v => v.GetProperty("name").GetString()!)];
    }
}
