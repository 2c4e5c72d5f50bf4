using System.Text.Json.Nodes;
using System.Text;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;
using Provisioner.TestSupport.Security;
using Xunit.Abstractions;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Security;

/// <summary>
/// Issue #11 scenario 6 for SnapshotAdvisor: generated malformed snapshot metadata, recommend bodies, list parameters
/// and ids → only 4xx ProblemDetails, no 5xx, and the library left as it was. Fixed seed: a failure repeats.
/// </summary>
public sealed class AdvisorBadInputTests(AdvisorHostFixture fixture, ITestOutputHelper output) : IClassFixture<AdvisorHostFixture>
{
    private const int Requests = 450;

    private const int Seed = 20261126;

    [Fact]
    public async Task Endpoints_GeneratedBadInput_RefusedWithProblemDetails()
    {
        var agency = Ids.Agency();
        await fixture.Host.SeedAsync(agency, new SeedSnapshot("s1", "Dental", "before", ["dental"]));
        using var client = fixture.Host.ClientFor(agency, "admin");
        var random = new Random(Seed);
        var cases = new List<(string, string, Func<HttpRequestMessage>)>();

        // Metadata: a role outside admin/user is the one value every kind of garbage breaks; nothing in the body is required.
        var metadata = new JsonObject
        {
            ["description"] = "Recall reminders",
            ["tags"] = new JsonArray("dental"),
            ["defaultCustomValues"] = new JsonObject { ["office_phone"] = "+1 555 0100" },
            ["defaultUserRoles"] = new JsonArray("admin"),
            ["hidden"] = false,
        };
        foreach (var (kind, content) in BadInput.Bodies(metadata, ["defaultUserRoles.0"], ["hidden"], Requests * 40 / 100, Seed))
        {
            if (kind is "missing-field" or "unknown-fields")
            {
                // Omitted fields are valid ("becomes empty"); an over-long description stands in.
                var huge = new JsonObject { ["description"] = new string('d', 4001 + random.Next(100)), ["$type"] = "x" }.ToJsonString();
                cases.Add(("PUT /api/snapshots/{id}", "huge-description", () => Put(huge)));
                continue;
            }

            cases.Add(("PUT /api/snapshots/{id}", kind, () => BadInput.Request(HttpMethod.Put, "/api/snapshots/s1", content)));
        }

        var recommend = new JsonObject { ["business"] = new JsonObject { ["name"] = "Acme Dental", ["industry"] = "Dental" } };
        foreach (var (kind, content) in BadInput.Bodies(recommend, ["business"], [], Requests * 30 / 100, Seed + 1))
        {
            cases.Add(("POST /api/snapshots/recommend", kind, () => BadInput.Request(HttpMethod.Post, "/api/snapshots/recommend", content)));
        }

        for (var i = 0; i < Requests * 5 / 100; i++)
        {
            var business = (i % 3) switch
            {
                0 => new JsonObject { ["name"] = new string('n', 201 + random.Next(5000)) },
                1 => new JsonObject { ["name"] = "A", ["services"] = new JsonArray([.. Enumerable.Range(0, 51 + random.Next(20)).Select(n => (JsonNode)("s" + n))]) },
                _ => new JsonObject { ["name"] = " ", ["industry"] = "\t", ["services"] = new JsonArray(" ") },
            };
            var text = new JsonObject { ["business"] = business }.ToJsonString();
            cases.Add(("POST /api/snapshots/recommend", "over-limit", () => new HttpRequestMessage(HttpMethod.Post, "/api/snapshots/recommend")
            {
                Content = new StringContent(text, Encoding.UTF8, "application/json"),
            }));
        }

        string[] parameters = ["page", "pageSize", "q"];
        for (var i = 0; i < Requests * 15 / 100; i++)
        {
            var name = parameters[i % parameters.Length];
            var value = name == "q" ? new string('q', 201 + random.Next(3000)) : BadInput.BadValue(random);
            // Every fifth case is the extreme of a valid-looking page: the offset (page - 1) × pageSize must not overflow.
            var url = i % 5 == 0 ? $"/api/snapshots?page={int.MaxValue - random.Next(3)}&pageSize=100&{name}={Uri.EscapeDataString(value)}" : $"/api/snapshots?{name}={Uri.EscapeDataString(value)}";
            cases.Add(("GET /api/snapshots (filters)", "bad-" + name, () => BadInput.Request(HttpMethod.Get, url)));
        }

        for (var i = 0; i < Requests * 10 / 100; i++)
        {
            var id = Uri.EscapeDataString(i % 2 == 0 ? Ids.Snapshot() : BadInput.BadValue(random));
            var method = i % 3 == 0 ? HttpMethod.Put : HttpMethod.Get;
            cases.Add(($"{method} /api/snapshots/{{unknown id}}", "unknown-id", () => BadInput.Request(method, $"/api/snapshots/{id}",
                method == HttpMethod.Put ? () => new StringContent("{\"description\":\"x\"}", Encoding.UTF8, "application/json") : null)));
        }

        var tally = new ResponseTally();
        await tally.SendAllAsync(client, cases);
        tally.Print(output, "SnapshotAdvisor bad input");

        Assert.True(tally.Total >= Requests * 95 / 100, $"only {tally.Total} requests were generated");
        Assert.Equal(0, tally.ServerErrors);
        Assert.Empty(tally.Violations);
        var stored = await fixture.Host.FindAsync(agency, "s1");
        Assert.Equal("before", stored!.Description);
    }

    private static HttpRequestMessage Put(string json) =>
        new(HttpMethod.Put, "/api/snapshots/s1") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
