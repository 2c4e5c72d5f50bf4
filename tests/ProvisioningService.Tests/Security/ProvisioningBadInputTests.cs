using System.Text.Json.Nodes;
using System.Text;
using Provisioner.TestSupport.Security;
using Xunit.Abstractions;

namespace Provisioner.ProvisioningService.Tests.Security;

/// <summary>
/// Issue #11 scenario 6 for ProvisioningService: generated malformed requests against every public endpoint → only 4xx
/// ProblemDetails, no 5xx, no job created. The size is <see cref="Requests"/>; the seed is fixed, so a failure repeats.
/// </summary>
public sealed class ProvisioningBadInputTests(ProvisioningHost host, ITestOutputHelper output) : IClassFixture<ProvisioningHost>
{
    /// <summary>Requests per run (about 1,700 with the shares below); the whole run takes well under a minute here.</summary>
    private const int Requests = 1_700;

    private const int Seed = 20261124;

    // Required text fields: any garbage (wrong type, null, huge, control characters) there is invalid by the README rules.
    private static readonly string[] IntakeStrictPaths =
        ["business", "business.email", "business.phone", "business.country", "business.timezone", "users.0.email", "users.1.role", "users.0.firstName"];

    // Closed formats: a control character inside makes them invalid. (Free text is not refused; see ProvisioningFindingsTests.)
    private static readonly string[] IntakeControlPaths = ["business.email", "business.country", "business.timezone", "users.0.email", "users.1.role"];

    [Fact]
    public async Task Endpoints_GeneratedBadInput_RefusedWithProblemDetailsAndNoJob()
    {
        var agency = Intakes.NewAgency();
        var operatorClient = host.ClientFor(agency, "operator");
        var adminClient = host.ClientFor(agency, "admin");
        var random = new Random(Seed);
        var cases = new List<(string, string, Func<HttpRequestMessage>)>();

        foreach (var (kind, content) in BadInput.Bodies(Intakes.Valid(), IntakeStrictPaths, [], Requests * 40 / 100, Seed, IntakeControlPaths))
        {
            var key = Intakes.NewKey();
            cases.Add(("POST /api/provision", kind, () => WithKey(BadInput.Request(HttpMethod.Post, "/api/provision", content), key)));
        }

        for (var i = 0; i < Requests * 5 / 100; i++)
        {
            // A valid body with a bad Idempotency-Key, or a bad dryRun flag.
            var header = BadKey(random);
            var query = i % 3 == 0 ? "?dryRun=" + Uri.EscapeDataString(BadInput.BadValue(random)) : string.Empty;
            var json = Intakes.Valid().ToJsonString();
            cases.Add(("POST /api/provision (key, flags)", query.Length > 0 ? "bad-flag" : "bad-key", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/provision" + query) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("Idempotency-Key", query.Length > 0 ? Intakes.NewKey() : header);
                return request;
            }));
        }

        for (var i = 0; i < Requests * 15 / 100; i++)
        {
            var (kind, csv, contentType, query) = BadCsv(random, i);
            var key = i % 17 == 0 ? BadKey(random) : Intakes.NewKey();
            cases.Add(("POST /api/provision/bulk", kind, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/provision/bulk" + query) { Content = new ByteArrayContent(csv) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
                return request;
            }));
        }

        string[] filters = ["status", "from", "to", "sort", "order", "page", "pageSize", "q"];
        for (var i = 0; i < Requests * 12 / 100; i++)
        {
            var name = filters[i % filters.Length];
            var value = name switch
            {
                "q" => new string('q', 201 + random.Next(5000)),
                // DateTimeOffset.TryParse reads "1.5" as 5 January; only what it cannot read is a bad date here.
                "from" or "to" => Unparsable(random, v => DateTimeOffset.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _)),
                _ => BadInput.BadValue(random),
            };
            var url = $"/api/jobs?{name}={Uri.EscapeDataString(value)}" + (i % 4 == 0 ? "&from=2030-01-02&to=2030-01-01" : string.Empty);
            cases.Add(("GET /api/jobs (filters)", "bad-" + name, () => BadInput.Request(HttpMethod.Get, url)));
        }

        string[] idRoutes = ["/api/jobs/{0}", "/api/jobs/{0}/events", "/api/jobs/{0}/retry", "/api/jobs/{0}/cancel"];
        for (var i = 0; i < Requests * 8 / 100; i++)
        {
            var route = idRoutes[i % idRoutes.Length];
            var id = i % 5 == 0 ? Guid.NewGuid().ToString() : Uri.EscapeDataString(BadInput.BadValue(random));
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, route, id);
            var method = route.EndsWith("/retry", StringComparison.Ordinal) || route.EndsWith("/cancel", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get;
            cases.Add(($"{method} {route.Replace("{0}", "{id}", StringComparison.Ordinal)}", "bad-or-unknown-id", () => BadInput.Request(method, url)));
        }

        for (var i = 0; i < Requests * 8 / 100; i++)
        {
            var value = BadSseId(random);
            var stream = i % 2 == 0 ? "/api/jobs/events" : $"/api/jobs/{Guid.NewGuid()}/events";
            var inHeader = i % 3 != 0;
            cases.Add(($"GET {(i % 2 == 0 ? "/api/jobs/events" : "/api/jobs/{id}/events")} (Last-Event-ID)", inHeader ? "bad-header" : "bad-query", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, inHeader ? stream : stream + "?lastEventId=" + Uri.EscapeDataString(value));
                if (inHeader)
                {
                    request.Headers.TryAddWithoutValidation("Last-Event-ID", value);
                }

                return request;
            }));
        }

        var settings = new JsonObject { ["defaultSnapshotId"] = "snap-1", ["maxConcurrentJobs"] = 5 };
        foreach (var (kind, content) in BadInput.Bodies(settings, ["maxConcurrentJobs"], ["maxConcurrentJobs"], Requests * 12 / 100, Seed + 1))
        {
            if (kind is "null" or "missing-field" or "unknown-fields")
            {
                // null and a missing field are valid here ("no limit"); a huge snapshot id stands in for them.
                var huge = new JsonObject { ["defaultSnapshotId"] = BadInput.Huge(random), ["maxConcurrentJobs"] = 5 }.ToJsonString();
                cases.Add(("PUT /api/provision/settings", "huge-string", () => new HttpRequestMessage(HttpMethod.Put, "/api/provision/settings")
                {
                    Content = new StringContent(huge, Encoding.UTF8, "application/json"),
                }));
                continue;
            }

            cases.Add(("PUT /api/provision/settings", kind, () => BadInput.Request(HttpMethod.Put, "/api/provision/settings", content)));
        }

        var tally = new ResponseTally();
        await tally.SendAllAsync(operatorClient, cases.Where(c => c.Item1 != "PUT /api/provision/settings"));
        await tally.SendAllAsync(adminClient, cases.Where(c => c.Item1 == "PUT /api/provision/settings"));
        tally.Print(output, "ProvisioningService bad input");

        Assert.True(tally.Total >= Requests * 95 / 100, $"only {tally.Total} requests were generated");
        Assert.Equal(0, tally.ServerErrors);
        Assert.Empty(tally.Violations);
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM agency_settings WHERE agency_id = $1", agency));
    }

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static string BadKey(Random random) => random.Next(3) switch
    {
        0 => new string('k', 201 + random.Next(1000)),
        1 => "key\u0001" + random.Next(),
        _ => "key\u007f" + random.Next(),
    };

    /// <summary>A resume point that is not a whole number ≥ 0 (never blank: blank means "from now" and would open a stream).</summary>
    private static string BadSseId(Random random) =>
        Unparsable(random, v => long.TryParse(v.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _));

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

    private const string Header = "business_name,business_email,business_phone,country,timezone";

    /// <summary>CSV garbage: each case is invalid as a whole file, or has a row that is invalid (422 without partial).</summary>
    private static (string Kind, byte[] Csv, string ContentType, string Query) BadCsv(Random random, int i)
    {
        var good = "Acme,owner@acme.example.com,(312) 744-5000,US,America/Chicago";
        (string, byte[], string, string) Case(string kind, string csv, string contentType = "text/csv", string query = "") =>
            (kind, Encoding.UTF8.GetBytes(csv), contentType, query);

        switch (i % 14)
        {
            case 0:
                var bytes = new byte[1 + random.Next(4096)];
                random.NextBytes(bytes);
                return ("random-bytes", bytes, "text/csv", string.Empty);
            case 1:
                return Case("header-only", Header + "\r\n");
            case 2:
                return Case("no-header", good + "\r\n" + good + "\r\n");
            case 3:
                return Case("unbalanced-quote", Header + "\r\n\"Acme,owner@acme.example.com,(312) 744-5000,US,America/Chicago\r\n");
            case 4:
                return Case("unknown-column", Header + ",colour" + random.Next(100) + "\r\n" + good + ",red\r\n");
            case 5:
                return Case("bad-email-row", Header + "\r\n" + good.Replace("owner@acme.example.com", BadInput.BadValue(random).Replace(",", ";", StringComparison.Ordinal), StringComparison.Ordinal) + "\r\n");
            case 6:
                return Case("control-chars", Header + "\r\n" + good.Replace("US", "U\u0000S", StringComparison.Ordinal) + "\r\n");
            case 7:
                var invalid = Encoding.UTF8.GetBytes(Header + "\r\nAcme,owner@acme.example.com,(312) 744-5000,").Concat(new byte[] { 0xC3, 0x28, 0xFF }).Concat(Encoding.UTF8.GetBytes(",America/Chicago\r\n")).ToArray();
                return ("invalid-utf8", invalid, "text/csv", string.Empty);
            case 8:
                return Case("wrong-content-type", Header + "\r\n" + good + "\r\n", new[] { "application/json", "application/xml", "image/png", "text/html" }[random.Next(4)]);
            case 9:
                return Case("bad-flag", Header + "\r\n" + good + "\r\n", query: "?partial=" + Uri.EscapeDataString(BadInput.BadValue(random)));
            case 10:
                return Case("too-few-cells", Header + "\r\nAcme,owner@acme.example.com\r\n");
            case 11:
                return Case("duplicate-column", Header + ",Business_Name\r\n" + good + ",Acme\r\n");
            case 12:
                return Case("huge-cell", Header + "\r\n" + good.Replace("Acme", BadInput.Huge(random)[..5000], StringComparison.Ordinal) + "\r\n");
            default:
                return Case("multipart-without-file", "--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n" + good + "\r\n--b--\r\n", "multipart/form-data; boundary=b");
        }
    }
}
