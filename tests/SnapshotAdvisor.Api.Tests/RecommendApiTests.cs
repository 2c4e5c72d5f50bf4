using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Contracts.Advisor;
using Provisioner.SnapshotAdvisor.Advice;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;
using Provisioner.SnapshotAdvisor.Data;
using Provisioner.SnapshotAdvisor.Library;

namespace Provisioner.SnapshotAdvisor.Api.Tests;

public sealed class RecommendApiTests(AdvisorHostFixture fixture) : IClassFixture<AdvisorHostFixture>
{
    private AdvisorHost Host => fixture.Host;

    internal static AdvisorBusiness Business(string name, string industry, string description) =>
        new(name, "owner@example.com", "+1 555 0100", null, "1 Main St", "Austin", "TX", "73301", "US", "America/Chicago",
            industry, description, null);

    [Fact]
    public async Task Recommend_NoModelConfigured_RanksEveryVisibleCandidateLocally()
    {
        var agency = Ids.Agency();
        await Host.SeedAsync(agency, Libraries.Standard);
        using var client = Host.ClientFor(agency, "viewer");

        var result = await (await client.PostAsJsonAsync("/api/snapshots/recommend", new
        {
            business = Business("Bright Smiles", "Dentist", "Family dentistry, cleanings and whitening"),
        })).ReadAsync<AdvisorResult>();

        Assert.Equal(("local", (string?)null), (result.Source, result.FallbackReason));
        Assert.Equal(Libraries.Dental.Id, result.Items[0].SnapshotId);
        Assert.True(result.Confident);
        Assert.Equal(3, result.Items.Count);
        Assert.All(result.Items, i => Assert.Equal("local", i.Source));
        Assert.NotEmpty(result.Items[0].Reasons);
    }

    [Fact]
    public async Task Recommend_HiddenSnapshot_IsNotACandidate()
    {
        var agency = Ids.Agency();
        await Host.SeedAsync(agency, Libraries.Dental with { Hidden = true }, Libraries.Hvac, Libraries.Starter);
        using var client = Host.ClientFor(agency);

        var result = await (await client.PostAsJsonAsync("/api/snapshots/recommend", new
        {
            business = Business("Bright Smiles", "Dentist", "Family dentistry"),
        })).ReadAsync<AdvisorResult>();

        Assert.DoesNotContain(result.Items, i => i.SnapshotId == Libraries.Dental.Id);
        Assert.Equal(2, result.Items.Count);
    }

    [Fact]
    public async Task Recommend_LibraryEdited_RebuildsTheCachedIndexForTheNewVersion()
    {
        var agency = Ids.Agency();
        await Host.SeedAsync(agency, Libraries.Standard);
        using var client = Host.ClientFor(agency);
        var body = new { business = Business("Cool Air", "HVAC", "Furnace repair") };
        var cache = Host.Services.GetRequiredService<LibraryIndexCache>();
        (await client.PostAsJsonAsync("/api/snapshots/recommend", body)).EnsureSuccessStatusCode();
        var version = await Version(agency);
        Assert.True(cache.IsCached(agency, version));

        (await client.PutAsJsonAsync($"/api/snapshots/{Libraries.Hvac.Id}", new { hidden = true })).EnsureSuccessStatusCode();
        var after = await (await client.PostAsJsonAsync("/api/snapshots/recommend", body)).ReadAsync<AdvisorResult>();

        Assert.Equal(version + 1, await Version(agency));
        Assert.True(cache.IsCached(agency, version + 1));
        Assert.DoesNotContain(after.Items, i => i.SnapshotId == Libraries.Hvac.Id);
    }

    [Fact]
    public async Task Recommend_EmptyLibrary_ReturnsNoItemsAndNotConfident()
    {
        using var client = Host.ClientFor(Ids.Agency());

        var result = await (await client.PostAsJsonAsync("/api/snapshots/recommend", new { business = Business("X", "Dentist", "") }))
            .ReadAsync<AdvisorResult>();

        Assert.Empty(result.Items);
        Assert.False(result.Confident);
    }

    [Fact]
    public async Task Recommend_WholeProvisionRequestBody_IsAcceptedAndRankedByItsBusiness()
    {
        var agency = Ids.Agency();
        await Host.SeedAsync(agency, Libraries.Standard);
        using var client = Host.ClientFor(agency);

        // What the portal's provision form posts to /api/provision, sent as it is: the fields beside "business" are ignored.
        var response = await client.PostAsync("/api/snapshots/recommend", new StringContent("""
            {
              "business": {
                "name": "Cool Air Co", "email": "owner@coolair.example", "phone": "+1 512 555 0100", "website": "https://coolair.example",
                "address": "1 Main St", "city": "Austin", "state": "TX", "postalCode": "73301", "country": "US",
                "timezone": "America/Chicago", "industry": "HVAC", "description": "Furnace repair and AC installs"
              },
              "snapshotId": null,
              "customValues": { "office_phone": "+1 512 555 0100" },
              "users": [ { "firstName": "Ann", "lastName": "Lee", "email": "ann@coolair.example", "phone": null, "role": "admin" } ]
            }
            """, System.Text.Encoding.UTF8, "application/json"));

        var result = await response.ReadAsync<AdvisorResult>();
        Assert.Equal(Libraries.Hvac.Id, result.Items[0].SnapshotId);
        Assert.NotEmpty(result.Items[0].Reasons);
    }

    [Fact]
    public async Task Recommend_OtherAgencysLibrary_IsNeverACandidate()
    {
        var (a, b) = (Ids.Agency(), Ids.Agency());
        await Host.SeedAsync(a, Libraries.Standard);
        await Host.SeedAsync(b, new SeedSnapshot("b-roofing", "Roofing Storm Leads", "Hail damage inspections", ["roofing"]));
        using var clientA = Host.ClientFor(a);
        using var clientB = Host.ClientFor(b, "viewer");
        var body = new { business = Business("Cool Air", "HVAC", "Furnace repair and AC installs") };

        // A first, so A's index is cached when B asks: B must get its own, never A's.
        var forA = await (await clientA.PostAsJsonAsync("/api/snapshots/recommend", body)).ReadAsync<AdvisorResult>();
        var forB = await (await clientB.PostAsJsonAsync("/api/snapshots/recommend", body)).ReadAsync<AdvisorResult>();

        Assert.Equal(Libraries.Hvac.Id, forA.Items[0].SnapshotId);
        Assert.Equal(["b-roofing"], forB.Items.Select(i => i.SnapshotId));
    }

    [Fact]
    public async Task Recommend_InvalidBody_ReturnsValidationProblemNamingFields()
    {
        using var client = Host.ClientFor(Ids.Agency());

        var missing = await (await client.PostAsJsonAsync("/api/snapshots/recommend", new { })).ValidationErrorsAsync();
        var tooLong = await (await client.PostAsJsonAsync("/api/snapshots/recommend", new
        {
            business = Business("X", "Dentist", new string('d', 4001)) with { Services = [new string('s', 201)] },
        })).ValidationErrorsAsync();

        Assert.Equal(["business"], missing.Keys);
        Assert.Equal(["business.description", "business.services[0]"], tooLong.Keys.Order(StringComparer.Ordinal));
    }

    private Task<long> Version(string agency) =>
        Host.InScopeAsync(async sp => (await sp.GetRequiredService<AdvisorDbContext>().Libraries.FindAsync(agency))!.Version);
}
