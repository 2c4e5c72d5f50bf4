using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Contracts.Auth;
using Provisioner.SnapshotAdvisor.Advice;
using Provisioner.SnapshotAdvisor.Api.Tests.Sandbox;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;
using Provisioner.SnapshotAdvisor.Apis;
using Provisioner.SnapshotAdvisor.Data;
using Provisioner.SnapshotAdvisor.Library;

namespace Provisioner.SnapshotAdvisor.Api.Tests;

/// <summary>
/// The library sync end to end: SnapshotAdvisor's GhlClient reads the in-process GhlSandbox over HTTP with real
/// sandbox agency tokens; changes are made in the sandbox, never in the advisor's database.
/// </summary>
public sealed class SandboxSyncTests(SandboxAdvisorFixture fixture) : IClassFixture<SandboxAdvisorFixture>
{
    private SandboxGhl Sandbox => fixture.Sandbox;

    private AdvisorHost Host => fixture.Host;

    [Fact]
    public async Task Sync_SeededAgency_LibraryHoldsEverySnapshotTheSandboxHas()
    {
        var agency = SandboxGhl.SeededAgency;
        using var client = Host.ClientFor(agency, "operator");

        var result = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        var page = await (await client.GetAsync("/api/snapshots?pageSize=100")).ReadAsync<SnapshotPage>();

        var inSandbox = Sandbox.SnapshotsOf(agency);
        Assert.True(inSandbox.Count >= 2, "the sandbox seeds the agency with its snapshot library");
        Assert.Equal((inSandbox.Count, inSandbox.Count), (result.Added, result.Total));
        Assert.Equal(inSandbox.OrderBy(s => s.Id, StringComparer.Ordinal), page.Items.Select(i => (i.Id, i.Name, i.Type)).OrderBy(s => s.Id, StringComparer.Ordinal));
        Assert.Equal(1, await Sandbox.SnapshotListCallsAsync(agency));
    }

    [Fact]
    public async Task Sync_SnapshotsRenamedDeletedAndAddedInGhl_LibraryFollowsAndKeepsMetadata()
    {
        var agency = Sandbox.AddAgency(("sb-dental", "Dental Growth", "own"), ("sb-hvac", "HVAC Leads", "imported"), ("sb-roof", "Roofing Pro", "own"));
        using var client = Host.ClientFor(agency);
        await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        await (await client.PutAsJsonAsync("/api/snapshots/sb-dental", new { description = "Recall campaigns for dentists", tags = new[] { "dental" } }))
            .ReadAsync<SnapshotDto>();

        Sandbox.Rename(agency, "sb-dental", "Dental Growth v2");
        Sandbox.Delete(agency, "sb-hvac");
        Sandbox.Add(agency, "sb-solar", "Solar Installer Funnel");
        var result = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();

        Assert.Equal((1, 1, 1, 3), (result.Added, result.Updated, result.Removed, result.Total));
        var page = await (await client.GetAsync("/api/snapshots")).ReadAsync<SnapshotPage>();
        Assert.Equal(["sb-dental", "sb-roof", "sb-solar"], page.Items.Select(i => i.Id).Order(StringComparer.Ordinal));
        var renamed = page.Items.Single(i => i.Id == "sb-dental");
        Assert.Equal(("Dental Growth v2", "Recall campaigns for dentists"), (renamed.Name, renamed.Description));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/snapshots/sb-hvac")).StatusCode);

        // The deleted snapshot is no candidate any more; the new one is.
        var advice = await (await client.PostAsJsonAsync("/api/snapshots/recommend", new
        {
            business = RecommendApiTests.Business("Cool Air Co", "HVAC", "Furnace repair and AC installs"),
        })).ReadAsync<AdvisorResult>();
        Assert.Equal(["sb-dental", "sb-roof", "sb-solar"], advice.Items.Select(i => i.SnapshotId).Order(StringComparer.Ordinal));
        Assert.Equal(2, await Sandbox.SnapshotListCallsAsync(agency));
    }

    [Fact]
    public async Task Sync_OneAgencyChangedInGhl_AnotherAgencysLibraryIsUntouched()
    {
        var changed = Sandbox.AddAgency(("sb-a1", "Med Spa Glow", "own"), ("sb-a2", "Chiropractic Care", "own"));
        var other = Sandbox.AddAgency(("sb-b1", "Law Firm Intake", "own"), ("sb-b2", "Gym Memberships", "imported"));
        using var changedClient = Host.ClientFor(changed);
        using var otherClient = Host.ClientFor(other);
        await (await changedClient.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        var otherSynced = await (await otherClient.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        var otherBefore = await (await otherClient.GetAsync("/api/snapshots")).ReadAsync<SnapshotPage>();

        Sandbox.Delete(changed, "sb-a1");
        Sandbox.Rename(changed, "sb-a2", "Chiro Plus");
        await (await changedClient.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();

        var otherAfter = await (await otherClient.GetAsync("/api/snapshots")).ReadAsync<SnapshotPage>();
        Assert.Equal(otherBefore.Items, otherAfter.Items, SnapshotDtoComparer.Instance);
        Assert.Equal(otherSynced.Version, (await LibraryAsync(other)).Version);
        var changedNow = await (await changedClient.GetAsync("/api/snapshots")).ReadAsync<SnapshotPage>();
        Assert.Equal([("sb-a2", "Chiro Plus")], changedNow.Items.Select(i => (i.Id, i.Name)));
        Assert.Equal(HttpStatusCode.NotFound, (await changedClient.GetAsync("/api/snapshots/sb-b1")).StatusCode);
    }

    [Fact]
    public async Task Sync_GhlFails_PreviousLibraryStaysIntactAndTheFailureIsReported()
    {
        var agency = Sandbox.AddAgency(("sb-f1", "Dental Growth", "own"), ("sb-f2", "Roofing Pro", "own"));
        using var client = Host.ClientFor(agency);
        var first = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        await (await client.PutAsJsonAsync("/api/snapshots/sb-f1", new { description = "Kept through failures" })).ReadAsync<SnapshotDto>();
        var before = await (await client.GetAsync("/api/snapshots")).ReadAsync<SnapshotPage>();
        var libraryBefore = await LibraryAsync(agency);
        Sandbox.Rename(agency, "sb-f1", "Dental Growth v2");
        Sandbox.Delete(agency, "sb-f2");
        await Sandbox.FailSnapshotListAsync(503, count: 1);

        var response = await client.PostAsync("/api/snapshots/sync", null);

        var problem = await response.ReadAsync<JsonElement>(HttpStatusCode.BadGateway);
        Assert.Contains("503", problem.GetProperty("detail").GetString());
        var after = await (await client.GetAsync("/api/snapshots")).ReadAsync<SnapshotPage>();
        Assert.Equal(before.Items, after.Items, SnapshotDtoComparer.Instance);
        var libraryAfter = await LibraryAsync(agency);
        Assert.Equal((libraryBefore.Version, libraryBefore.LastSyncedAt), (libraryAfter.Version, libraryAfter.LastSyncedAt));
        Assert.Contains("503", libraryAfter.LastSyncError);
        Assert.True(first.Version > 0);

        // GHL is back: the next sync applies the changes and clears the error.
        var recovered = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        Assert.Equal((0, 1, 1), (recovered.Added, recovered.Updated, recovered.Removed));
        Assert.Null((await LibraryAsync(agency)).LastSyncError);
    }

    [Fact]
    public async Task Sync_GhlRejectsTheAccessTokenOnce_RefreshesItAndSyncs()
    {
        var agency = Sandbox.AddAgency(("sb-r1", "Plumbing Pros", "own"));
        using var client = Host.ClientFor(agency);
        await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        Sandbox.Add(agency, "sb-r2", "Electricians");
        await Sandbox.FailSnapshotListAsync(401, count: 1);

        var result = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();

        Assert.Equal((1, 2), (result.Added, result.Total));
        Assert.Equal(3, await Sandbox.SnapshotListCallsAsync(agency));
    }

    [Fact]
    public async Task AgencyConnected_Published_SyncsTheLibraryFromTheSandbox()
    {
        var agency = Sandbox.AddAgency(("sb-c1", "Real Estate Listings", "own"), ("sb-c2", "Restaurant Reservations", "own"));

        await Host.Harness.Bus.Publish(new AgencyConnected(agency, "Test Agency", "user:1", DateTimeOffset.UtcNow));

        await Eventually.TrueAsync(async () => await Host.FindAsync(agency, "sb-c2") is not null, TimeSpan.FromSeconds(30), "the sync on connect");
        Assert.Equal("Real Estate Listings", (await Host.FindAsync(agency, "sb-c1"))!.Name);
    }

    private Task<AgencyLibrary> LibraryAsync(string agency) =>
        Host.InScopeAsync(sp => sp.GetRequiredService<AdvisorDbContext>().Libraries.AsNoTracking().SingleAsync(l => l.AgencyId == agency));

    /// <summary>Compares everything the API shows of a snapshot, sync and edit times included (collections by content).</summary>
    private sealed class SnapshotDtoComparer : IEqualityComparer<SnapshotDto>
    {
        public static readonly SnapshotDtoComparer Instance = new();

        public bool Equals(SnapshotDto? x, SnapshotDto? y) =>
            x is not null && y is not null
            && (x.Id, x.Name, x.Type, x.Description, x.Hidden, x.LastSyncedAt, x.UpdatedAt) == (y.Id, y.Name, y.Type, y.Description, y.Hidden, y.LastSyncedAt, y.UpdatedAt)
            && x.Tags.SequenceEqual(y.Tags) && x.DefaultUserRoles.SequenceEqual(y.DefaultUserRoles)
            && x.DefaultCustomValues.OrderBy(p => p.Key).SequenceEqual(y.DefaultCustomValues.OrderBy(p => p.Key));

        public int GetHashCode(SnapshotDto obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
