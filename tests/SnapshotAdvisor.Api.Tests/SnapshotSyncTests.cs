using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Provisioner.Contracts.Auth;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;
using Provisioner.SnapshotAdvisor.Apis;
using Provisioner.SnapshotAdvisor.Data;
using Provisioner.SnapshotAdvisor.Library;
using Provisioner.TestSupport;

namespace Provisioner.SnapshotAdvisor.Api.Tests;

public sealed class SnapshotSyncTests(AdvisorHostFixture fixture) : IClassFixture<AdvisorHostFixture>
{
    private AdvisorHost Host => fixture.Host;

    [Fact]
    public async Task Sync_NewAgency_AddsEverySnapshot()
    {
        var agency = Ids.Agency();
        Host.GhlLists(agency, ("s1", "Dental Pro", "own"), ("s2", "HVAC Growth", "imported"), ("s3", "Roofing Leads", "own"));
        using var client = Host.ClientFor(agency, "operator");

        var result = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        var page = await (await client.GetAsync("/api/snapshots")).ReadAsync<SnapshotPage>();

        Assert.Equal((3, 0, 0, 3), (result.Added, result.Updated, result.Removed, result.Total));
        Assert.Equal(["Dental Pro", "HVAC Growth", "Roofing Leads"], page.Items.Select(i => i.Name));
        Assert.Equal("imported", page.Items.Single(i => i.Id == "s2").Type);
    }

    [Fact]
    public async Task Sync_AfterChangesInGhl_UpdatesRenamedAndRemovesDeletedKeepingMetadata()
    {
        var agency = Ids.Agency();
        Host.GhlLists(agency, ("s1", "Dental", "own"), ("s2", "Plumbing", "own"));
        using var client = Host.ClientFor(agency);
        await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        await (await client.PutAsJsonAsync("/api/snapshots/s1", new { description = "For dentists", tags = new[] { "Dental" } }))
            .ReadAsync<SnapshotDto>();

        Host.GhlLists(agency, ("s1", "Dental Deluxe", "own"), ("s3", "Solar", "own"));
        var result = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();

        Assert.Equal((1, 1, 1, 2), (result.Added, result.Updated, result.Removed, result.Total));
        var renamed = await (await client.GetAsync("/api/snapshots/s1")).ReadAsync<SnapshotDto>();
        Assert.Equal(("Dental Deluxe", "For dentists"), (renamed.Name, renamed.Description));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/snapshots/s2")).StatusCode);
        var page = await (await client.GetAsync("/api/snapshots")).ReadAsync<SnapshotPage>();
        Assert.Equal(["s1", "s3"], page.Items.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Sync_SnapshotBackInGhl_ReturnsWithItsMetadata()
    {
        var agency = Ids.Agency();
        Host.GhlLists(agency, ("s1", "Dental", "own"));
        using var client = Host.ClientFor(agency);
        await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        await (await client.PutAsJsonAsync("/api/snapshots/s1", new { description = "Kept" })).ReadAsync<SnapshotDto>();
        Host.GhlLists(agency);
        await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();

        Host.GhlLists(agency, ("s1", "Dental", "own"));
        var result = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();

        Assert.Equal(1, result.Updated);
        Assert.Equal("Kept", (await (await client.GetAsync("/api/snapshots/s1")).ReadAsync<SnapshotDto>()).Description);
    }

    [Fact]
    public async Task Sync_GhlAnswers500_Returns502ProblemAndRecordsTheError()
    {
        var agency = Ids.Agency();
        Host.GhlFails(agency, 500);
        using var client = Host.ClientFor(agency);

        var response = await client.PostAsync("/api/snapshots/sync", null);

        var problem = await response.ReadAsync<JsonElement>(HttpStatusCode.BadGateway);
        Assert.Contains("500", problem.GetProperty("detail").GetString());
        var library = await Host.InScopeAsync(sp => sp.GetRequiredService<AdvisorDbContext>().Libraries.FindAsync(agency).AsTask());
        Assert.Contains("500", library!.LastSyncError);
    }

    [Fact]
    public async Task Sync_AgencyNotConnected_Returns409ProblemAndRecordsTheError()
    {
        var agency = FakeGhlTokenProvider.NotConnectedPrefix + Ids.Agency();
        Host.GhlLists(agency, ("s1", "Dental", "own"));
        using var client = Host.ClientFor(agency);

        var response = await client.PostAsync("/api/snapshots/sync", null);

        var problem = await response.ReadAsync<JsonElement>(HttpStatusCode.Conflict);
        Assert.Equal("The agency is not connected to GHL", problem.GetProperty("title").GetString());
        Assert.Contains(agency, problem.GetProperty("detail").GetString());
        var library = await Host.InScopeAsync(sp => sp.GetRequiredService<AdvisorDbContext>().Libraries.FindAsync(agency).AsTask());
        Assert.Contains("NeedsReconnect", library!.LastSyncError);
        Assert.Null(await Host.FindAsync(agency, "s1"));
    }

    [Theory]
    [InlineData("viewer", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Sync_WithoutEditorRole_IsRejected(string? role, HttpStatusCode expected)
    {
        var agency = Ids.Agency();
        Host.GhlLists(agency, ("s1", "Dental", "own"));
        using var client = role is null ? Host.CreateClient() : Host.ClientFor(agency, role);

        var response = await client.PostAsync("/api/snapshots/sync", null);

        Assert.Equal(expected, response.StatusCode);
        Assert.Null(await Host.FindAsync(agency, "s1"));
    }

    [Fact]
    public async Task AgencyConnected_Published_SyncsTheAgencysLibrary()
    {
        var agency = Ids.Agency();
        Host.GhlLists(agency, ("s1", "Dental", "own"), ("s2", "Roofing", "own"));

        await Host.Harness.Bus.Publish(new AgencyConnected(agency, "Test Agency", "user:1", DateTimeOffset.UtcNow));

        await Eventually.TrueAsync(async () => await Host.FindAsync(agency, "s2") is not null, TimeSpan.FromSeconds(30), "the sync on connect");
        Assert.NotNull(await Host.FindAsync(agency, "s1"));
    }

    [Fact]
    public async Task PeriodicSync_KnownAgency_PicksUpSnapshotsCreatedAndDeletedInGhl()
    {
        var agency = Ids.Agency();
        Host.GhlLists(agency, ("s1", "Dental", "own"));
        using var client = Host.ClientFor(agency);
        await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        Host.GhlLists(agency, ("s2", "Roofing", "own"));

        var periodic = Host.Services.GetServices<IHostedService>().OfType<PeriodicSnapshotSync>().Single();
        await periodic.SyncAllAsync(CancellationToken.None);

        Assert.NotNull((await Host.FindAsync(agency, "s1"))!.RemovedAt);
        Assert.Null((await Host.FindAsync(agency, "s2"))!.RemovedAt);
    }
}
