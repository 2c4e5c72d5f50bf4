using System.Globalization;
using Provisioner.TestSupport.Security;
using Xunit.Abstractions;

namespace Provisioner.AuditService.Tests.Security;

/// <summary>
/// Issue #11 scenario 6 for AuditService: generated bad filters, ids and methods against the list, export, verify and
/// entry routes → only 4xx ProblemDetails, no 5xx. Fixed seed: a failure repeats.
/// </summary>
public sealed class AuditBadInputTests(AuditHostFixture fixture, ITestOutputHelper output) : IClassFixture<AuditHostFixture>
{
    private const int Requests = 400;

    private const int Seed = 20261125;

    [Fact]
    public async Task Endpoints_GeneratedBadInput_RefusedWithProblemDetails()
    {
        var agency = "ag-" + Guid.NewGuid().ToString("N");
        await fixture.Host.AppendAsync(agency, actor: "carol");
        var client = fixture.Host.ClientFor(agency, "admin");
        var random = new Random(Seed);
        var cases = new List<(string, string, Func<HttpRequestMessage>)>();
        string[] parameters = ["page", "pageSize", "from", "to", "type", "jobId", "actor", "q"];
        string[] routes = ["/api/audit", "/api/audit/export"];

        for (var i = 0; i < Requests * 70 / 100; i++)
        {
            var route = routes[i % routes.Length];
            var name = parameters[i / routes.Length % parameters.Length];
            var value = name switch
            {
                "type" or "jobId" or "actor" or "q" => BadInput.Control(random, new string('t', 257 + random.Next(4000))),
                "from" or "to" => Unparsable(random, v => DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)),
                _ => BadInput.BadValue(random),
            };
            var url = $"{route}?{name}={Uri.EscapeDataString(value)}" + (i % 5 == 0 ? "&from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z" : string.Empty);
            cases.Add(($"GET {route} (filters)", "bad-" + name, () => BadInput.Request(HttpMethod.Get, url)));
        }

        for (var i = 0; i < Requests * 20 / 100; i++)
        {
            var id = i % 4 == 0 ? Guid.NewGuid().ToString() : Uri.EscapeDataString(BadInput.BadValue(random));
            cases.Add(("GET /api/audit/{id}", "bad-or-unknown-id", () => BadInput.Request(HttpMethod.Get, $"/api/audit/{id}")));
        }

        // The log is append-only: no route takes a write.
        HttpMethod[] writes = [HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch];
        for (var i = 0; i < Requests * 10 / 100; i++)
        {
            var method = writes[i % writes.Length];
            var url = i % 2 == 0 ? "/api/audit" : $"/api/audit/{Guid.NewGuid()}";
            cases.Add(($"{method} /api/audit…", "write-to-append-only", () => BadInput.Request(method, url, () => new StringContent("{\"payload\":{}}"))));
        }

        var tally = new ResponseTally();
        await tally.SendAllAsync(client, cases);
        tally.Print(output, "AuditService bad input");

        Assert.True(tally.Total >= Requests * 95 / 100, $"only {tally.Total} requests were generated");
        Assert.Equal(0, tally.ServerErrors);
        Assert.Empty(tally.Violations);
        Assert.Equal(1, await fixture.Host.CountAsync(agency));
    }

    private static string Unparsable(Random random, Func<string, bool> parses)
    {
        string value;
        do
        {
            value = BadInput.BadValue(random);
        }
        while (parses(value));

        return value;
    }
}
