using System.Net;
using System.Text.Json;

namespace Provisioner.AuditService.Tests;

public sealed class AuditApiTests(AuditHostFixture fixture) : IClassFixture<AuditHostFixture>
{
    private static readonly DateTimeOffset Day = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private AuditHost Host => fixture.Host;

    [Fact]
    public async Task List_NoFilters_ReturnsAgencyEntriesNewestFirstWithPaging()
    {
        var agency = NewAgency();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Host.AppendAsync(agency, occurredAt: Day.AddHours(i)));
        }

        var client = Host.ClientFor(agency, "viewer");
        var first = await client.GetJsonAsync("/api/audit?page=1&pageSize=2");
        var third = await client.GetJsonAsync("/api/audit?page=3&pageSize=2");

        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        Assert.Equal([ids[4].ToString(), ids[3].ToString()], first.Ids());
        Assert.Equal([ids[0].ToString()], third.Ids());
        var item = first.GetProperty("items")[0];
        Assert.Equal("x", item.GetProperty("payload").GetProperty("step").GetString());
        Assert.Equal(5, item.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task List_EachFilter_ReturnsOnlyMatchingEntries()
    {
        var agency = NewAgency();
        var job = Guid.NewGuid().ToString();
        var typed = await Host.AppendAsync(agency, type: "Provisioner.Contracts.Jobs.LocationCreated", occurredAt: Day);
        var withJob = await Host.AppendAsync(agency, jobId: job, occurredAt: Day.AddDays(1));
        var byActor = await Host.AppendAsync(agency, actor: "carol", occurredAt: Day.AddDays(2));
        var withText = await Host.AppendAsync(agency, payload: """{"note":"Needle in the haystack"}""", occurredAt: Day.AddDays(3));
        var client = Host.ClientFor(agency, "viewer");

        Assert.Equal([typed.ToString()], (await client.GetJsonAsync("/api/audit?type=LocationCreated")).Ids());
        Assert.Equal([typed.ToString()], (await client.GetJsonAsync("/api/audit?type=Provisioner.Contracts.Jobs.LocationCreated")).Ids());
        Assert.Equal([withJob.ToString()], (await client.GetJsonAsync($"/api/audit?jobId={job}")).Ids());
        Assert.Equal([byActor.ToString()], (await client.GetJsonAsync("/api/audit?actor=carol")).Ids());
        Assert.Equal([withText.ToString()], (await client.GetJsonAsync("/api/audit?q=needle")).Ids());
        Assert.Equal(
            [byActor.ToString(), withJob.ToString()],
            (await client.GetJsonAsync("/api/audit?from=2025-06-02T00:00:00Z&to=2025-06-04T00:00:00Z")).Ids());
        Assert.Empty((await client.GetJsonAsync("/api/audit?q=100%25_")).Ids());
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2025-13-45", "to")]
    [InlineData("from=2025-06-02T00:00:00Z&to=2025-06-01T00:00:00Z", "to")]
    public async Task List_BadFilter_Returns400NamingTheField(string query, string field)
    {
        var client = Host.ClientFor(NewAgency(), "admin");

        var problem = await client.GetJsonAsync($"/api/audit?{query}", HttpStatusCode.BadRequest);
        var export = await client.GetJsonAsync($"/api/audit/export?{query}", HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.True(export.GetProperty("errors").TryGetProperty(field, out _), export.ToString());
    }

    [Fact]
    public async Task Get_OwnEntry_ReturnsIt()
    {
        var agency = NewAgency();
        var id = await Host.AppendAsync(agency, actor: "dave", jobId: "job-1");

        var entry = await Host.ClientFor(agency, "viewer").GetJsonAsync($"/api/audit/{id}");

        Assert.Equal(id.ToString(), entry.GetProperty("id").GetString());
        Assert.Equal("dave", entry.GetProperty("actor").GetString());
        Assert.Equal("job-1", entry.GetProperty("jobId").GetString());
        Assert.Equal(64, entry.GetProperty("hash").GetString()!.Length);
    }

    [Fact]
    public async Task Export_SameFilters_MatchesTheList()
    {
        var agency = NewAgency();
        for (var i = 0; i < 6; i++)
        {
            await Host.AppendAsync(agency, actor: i % 2 == 0 ? "erin" : "frank", occurredAt: Day.AddMinutes(i),
                payload: $$"""{"step":"s{{i}}","note":"a, \"quoted\"\nline"}""");
        }

        var client = Host.ClientFor(agency, "admin");
        var list = await client.GetJsonAsync("/api/audit?actor=erin&pageSize=500");
        using var response = await client.GetAsync("/api/audit/export?actor=erin");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var rows = Csv.Parse(csv);
        Assert.Equal(["id", "sequence", "occurredAt", "receivedAt", "type", "agencyId", "jobId", "actor", "payload", "previousHash", "hash", "archived"], rows[0]);
        Assert.Equal(list.Ids(), rows.Skip(1).Select(r => r[0]));
        Assert.All(rows.Skip(1), r => Assert.Equal("erin", r[7]));
        var firstPayload = JsonDocument.Parse(rows[1][8]).RootElement;
        Assert.Equal("a, \"quoted\"\nline", firstPayload.GetProperty("note").GetString());
        Assert.Equal(list.GetProperty("items")[0].GetProperty("hash").GetString(), rows[1][10]);
    }

    [Fact]
    public async Task AgencyIsolation_OtherAgencysEntries_InvisibleEverywhere()
    {
        var agencyA = NewAgency();
        var agencyB = NewAgency();
        var ownId = await Host.AppendAsync(agencyA, actor: "shared-actor");
        var foreignId = await Host.AppendAsync(agencyB, actor: "shared-actor");
        await Host.AppendAsync(agencyB, actor: "shared-actor");
        var clientA = Host.ClientFor(agencyA, "admin");

        var list = await clientA.GetJsonAsync("/api/audit?actor=shared-actor");
        await clientA.GetJsonAsync($"/api/audit/{foreignId}", HttpStatusCode.NotFound);
        var csv = await clientA.GetStringAsync("/api/audit/export");
        var verify = await clientA.GetJsonAsync("/api/audit/verify");

        Assert.Equal([ownId.ToString()], list.Ids());
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal([ownId.ToString()], Csv.Parse(csv).Skip(1).Select(r => r[0]));
        Assert.DoesNotContain(agencyB, csv, StringComparison.Ordinal);
        Assert.Equal(1, verify.GetProperty("checked").GetInt64());
        Assert.True(verify.GetProperty("ok").GetBoolean());
    }

    [Theory]
    [InlineData("viewer", "/api/audit", HttpStatusCode.OK)]
    [InlineData("viewer", "/api/audit/export", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "/api/audit/verify", HttpStatusCode.Forbidden)]
    [InlineData("operator", "/api/audit/export", HttpStatusCode.OK)]
    [InlineData("operator", "/api/audit/verify", HttpStatusCode.OK)]
    [InlineData("admin", "/api/audit/export", HttpStatusCode.OK)]
    [InlineData("admin", "/api/audit/verify", HttpStatusCode.OK)]
    [InlineData("superhero", "/api/audit", HttpStatusCode.Forbidden)]
    public async Task Roles_EachEndpoint_AllowedOnlyToItsRoles(string role, string url, HttpStatusCode expected)
    {
        using var response = await Host.ClientFor(NewAgency(), role).GetAsync(url);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Authentication_MissingForgedOrAgencyless_Refused()
    {
        using var anonymous = Host.CreateClient();
        using var forged = Host.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new(
            "Bearer", TestTokens.Issue(NewAgency(), "admin", System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Host.ClientFor(null, "admin").GetAsync("/api/audit")).StatusCode);
    }

    private static string NewAgency() => "ag-" + Guid.NewGuid().ToString("N");
}
