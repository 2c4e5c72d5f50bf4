using System.Net;
using System.Net.Http.Json;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;
using Provisioner.SnapshotAdvisor.Apis;

namespace Provisioner.SnapshotAdvisor.Api.Tests;

public sealed class SnapshotsApiTests(AdvisorHostFixture fixture) : IClassFixture<AdvisorHostFixture>
{
    private AdvisorHost Host => fixture.Host;

    [Fact]
    public async Task Update_ValidMetadata_IsStoredAndReturned()
    {
        var agency = Ids.Agency();
        await Host.SeedAsync(agency, new SeedSnapshot("s1", "Dental"));
        using var client = Host.ClientFor(agency, "operator");

        var updated = await (await client.PutAsJsonAsync("/api/snapshots/s1", new
        {
            description = "  Recall reminders for dental practices ",
            tags = new[] { "Dental", "healthcare", "dental" },
            defaultCustomValues = new Dictionary<string, string> { ["office_phone"] = "+1 555 0100" },
            defaultUserRoles = new[] { "admin", "user" },
            hidden = true,
        })).ReadAsync<SnapshotDto>();
        var read = await (await client.GetAsync("/api/snapshots/s1")).ReadAsync<SnapshotDto>();

        Assert.Equal("Recall reminders for dental practices", read.Description);
        Assert.Equal(["dental", "healthcare"], read.Tags);
        Assert.Equal("+1 555 0100", read.DefaultCustomValues["office_phone"]);
        Assert.Equal(["admin", "user"], read.DefaultUserRoles);
        Assert.True(read.Hidden);
        Assert.Equal((read.Description, read.Hidden), (updated.Description, updated.Hidden));
        Assert.Equal(read.Tags, updated.Tags);
    }

    [Fact]
    public async Task Update_InvalidFields_ReturnsValidationProblemNamingEachField()
    {
        var agency = Ids.Agency();
        await Host.SeedAsync(agency, new SeedSnapshot("s1", "Dental", "before"));
        using var client = Host.ClientFor(agency);

        var errors = await (await client.PutAsJsonAsync("/api/snapshots/s1", new
        {
            description = new string('x', 4001),
            tags = new[] { "ok", " ", new string('t', 61) },
            defaultCustomValues = new Dictionary<string, string> { ["ok"] = "v", ["long"] = new string('v', 2001) },
            defaultUserRoles = new[] { "user", "owner" },
        })).ValidationErrorsAsync();

        Assert.Equal(
            ["defaultCustomValues.long", "defaultUserRoles[1]", "description", "tags[1]", "tags[2]"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("before", (await (await client.GetAsync("/api/snapshots/s1")).ReadAsync<SnapshotDto>()).Description);
    }

    [Fact]
    public async Task Update_AsViewer_IsForbidden()
    {
        var agency = Ids.Agency();
        await Host.SeedAsync(agency, new SeedSnapshot("s1", "Dental"));
        using var client = Host.ClientFor(agency, "viewer");

        var response = await client.PutAsJsonAsync("/api/snapshots/s1", new { description = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task List_SearchTagAndType_FilterTheLibrary()
    {
        var agency = Ids.Agency();
        await Host.SeedAsync(agency,
            new SeedSnapshot("s1", "Dental Recall", "Reminders for 100% of patients", ["dental"]),
            new SeedSnapshot("s2", "Ortho Pro", "Invisalign consults", ["dental", "ortho"], Type: "imported"),
            new SeedSnapshot("s3", "Roofing", "Storm damage leads", ["home"]));
        using var client = Host.ClientFor(agency, "viewer");

        async Task<string[]> IdsFor(string query) =>
            [.. (await (await client.GetAsync("/api/snapshots?" + query)).ReadAsync<SnapshotPage>()).Items.Select(i => i.Id)];

        Assert.Equal(["s1"], await IdsFor("q=recall"));
        Assert.Equal(["s2"], await IdsFor("q=INVISALIGN"));
        Assert.Equal(["s1"], await IdsFor("q=100%25"));
        Assert.Equal(["s1", "s2"], await IdsFor("tag=Dental"));
        Assert.Equal(["s2"], await IdsFor("tag=dental&type=imported"));
        Assert.Empty(await IdsFor("q=_"));
    }

    [Fact]
    public async Task List_Paging_ReturnsThePageAndTheTotal()
    {
        var agency = Ids.Agency();
        await Host.SeedAsync(agency, [.. Enumerable.Range(1, 5).Select(i => new SeedSnapshot($"s{i}", $"Snapshot {i}"))]);
        using var client = Host.ClientFor(agency, "viewer");

        var page = await (await client.GetAsync("/api/snapshots?page=2&pageSize=2")).ReadAsync<SnapshotPage>();

        Assert.Equal((5, 2, 2), (page.Total, page.Page, page.PageSize));
        Assert.Equal(["Snapshot 3", "Snapshot 4"], page.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task List_InvalidPaging_ReturnsValidationProblemNamingFields()
    {
        using var client = Host.ClientFor(Ids.Agency(), "viewer");

        var errors = await (await client.GetAsync("/api/snapshots?page=0&pageSize=101")).ValidationErrorsAsync();

        Assert.Equal(["page", "pageSize"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AgencyIsolation_OtherAgencysSnapshots_AreNeitherVisibleNorEditable()
    {
        var (a, b) = (Ids.Agency(), Ids.Agency());
        await Host.SeedAsync(a, new SeedSnapshot("shared-id", "A's snapshot", "A's words"), new SeedSnapshot("only-a", "Only A"));
        await Host.SeedAsync(b, new SeedSnapshot("shared-id", "B's snapshot", "B's words"));
        using var clientB = Host.ClientFor(b);

        var pageB = await (await clientB.GetAsync("/api/snapshots?pageSize=100")).ReadAsync<SnapshotPage>();
        var readOnlyA = await clientB.GetAsync("/api/snapshots/only-a");
        var editOnlyA = await clientB.PutAsJsonAsync("/api/snapshots/only-a", new { description = "B was here" });
        await (await clientB.PutAsJsonAsync("/api/snapshots/shared-id", new { description = "B edited" })).ReadAsync<SnapshotDto>();

        Assert.Equal(["shared-id"], pageB.Items.Select(i => i.Id));
        Assert.Equal("B's snapshot", pageB.Items[0].Name);
        Assert.Equal(HttpStatusCode.NotFound, readOnlyA.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, editOnlyA.StatusCode);
        Assert.Equal("A's words", (await Host.FindAsync(a, "shared-id"))!.Description);
        Assert.Equal("", (await Host.FindAsync(a, "only-a"))!.Description);
    }

    [Fact]
    public async Task List_TokenWithoutAgency_IsForbidden()
    {
        using var client = Host.ClientFor(agency: null, "admin");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/snapshots")).StatusCode);
    }
}
