using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Provisioner.ProvisioningService.Tests;

[Collection(StreamingCollection.Name)]
public sealed class BulkProvisionTests(StreamingHost host)
{
    private const string Header =
        "business_name,business_email,business_phone,website,country,timezone,snapshot_id,cv:Booking Link,user1_first_name,user1_last_name,user1_email,user1_role";

    [Fact]
    public async Task Bulk_AllRowsValid_CreatesOneJobPerRow()
    {
        var agency = Intakes.NewAgency();
        var key = Intakes.NewKey();

        using var response = await PostCsvAsync(host.ClientFor(agency), Csv(Row("Alpha"), Row("Beta"), Row("Gamma")), key);
        var report = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, report.GetProperty("created").GetInt32());
        Assert.Equal(0, report.GetProperty("invalid").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], rows.Select(r => r.GetProperty("row").GetInt32()));
        Assert.All(rows, r => Assert.Equal("Queued", r.GetProperty("status").GetString()));
        Assert.Equal(3, rows.Select(r => r.GetProperty("jobId").GetGuid()).Distinct().Count());
        Assert.Equal(3, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1 AND idempotency_key = $2", agency, $"{key}:3"));
        // Each job was accepted as a single POST is: with its Queued event (and its ProvisioningRequested outbox row).
        Assert.Equal(3, await host.CountAsync("SELECT count(*) FROM job_events WHERE agency_id = $1 AND type = 'Queued'", agency));
    }

    [Fact]
    public async Task Bulk_OneRowInvalid_Returns422AndCreatesNothing()
    {
        var agency = Intakes.NewAgency();

        using var response = await PostCsvAsync(
            host.ClientFor(agency), Csv(Row("Alpha"), Row("Beta", email: "not-an-email"), Row("Gamma")), Intakes.NewKey());
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, problem.GetProperty("invalid").GetInt32());
        Assert.Equal(0, problem.GetProperty("created").GetInt32());
        var bad = problem.GetProperty("rows").EnumerateArray().Single(r => !r.GetProperty("valid").GetBoolean());
        Assert.Equal(3, bad.GetProperty("row").GetInt32());
        Assert.Equal(["business_email"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("'business_email'", bad.GetProperty("errors").GetProperty("business_email")[0].GetString(), StringComparison.Ordinal);
        Assert.All(problem.GetProperty("rows").EnumerateArray(), r => Assert.False(r.TryGetProperty("jobId", out _)));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Bulk_PartialWithInvalidRows_CreatesValidRowsAndReturns207()
    {
        var agency = Intakes.NewAgency();
        var csv = Csv(Row("Alpha"), Row("Beta", userRole: "owner"), Row("Gamma"));

        using var response = await PostCsvAsync(host.ClientFor(agency), csv, Intakes.NewKey(), "?partial=true");
        var report = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("invalid").GetInt32());
        var bad = report.GetProperty("rows")[1];
        Assert.False(bad.GetProperty("valid").GetBoolean());
        Assert.Equal(["user1_role"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(2, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Bulk_DryRun_ReturnsPlansAndWritesNothing()
    {
        var agency = Intakes.NewAgency();

        using var response = await PostCsvAsync(host.ClientFor(agency), Csv(Row("Alpha"), Row("Beta")), key: null, "?dryRun=true");
        var report = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        var plan = report.GetProperty("rows")[0].GetProperty("plan");
        Assert.Equal("+13127445000", plan.GetProperty("business").GetProperty("phone").GetString());
        Assert.Equal("https://alpha.example.com/book", plan.GetProperty("customValues").GetProperty("Booking Link").GetString());
        Assert.Equal("ann@alpha.example.com", plan.GetProperty("users")[0].GetProperty("email").GetString());
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Bulk_SameKeyAgain_ReturnsTheSameJobs()
    {
        var agency = Intakes.NewAgency();
        var key = Intakes.NewKey();
        var client = host.ClientFor(agency);
        var csv = Csv(Row("Alpha"), Row("Beta"));

        using var first = await PostCsvAsync(client, csv, key);
        using var again = await PostCsvAsync(client, csv, key);
        var report = await again.JsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, report.GetProperty("created").GetInt32());
        Assert.Equal(2, report.GetProperty("repeated").GetInt32());
        Assert.Equal(JobIds(await first.JsonAsync()), JobIds(report));
        Assert.Equal(2, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Bulk_SameUploadTwiceAtOnce_MakesOneJobPerRow()
    {
        var agency = Intakes.NewAgency();
        var key = Intakes.NewKey();
        var csv = Csv(Row("Alpha"), Row("Beta"), Row("Gamma"));

        var responses = await Task.WhenAll(
            PostCsvAsync(host.ClientFor(agency), csv, key), PostCsvAsync(host.ClientFor(agency), csv, key));
        var reports = await Task.WhenAll(responses.Select(r => r.JsonAsync()));

        // The loser of the unique index (if they overlapped) rolls back to its savepoint and answers as a repeat.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK }));
        Assert.Equal(JobIds(reports[0]), JobIds(reports[1]));
        Assert.Equal(3, reports.Sum(r => r.GetProperty("created").GetInt32()));
        Assert.Equal(3, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Bulk_SameKeyWithChangedRow_Returns422AndCreatesNothingNew()
    {
        var agency = Intakes.NewAgency();
        var key = Intakes.NewKey();
        var client = host.ClientFor(agency);
        using var first = await PostCsvAsync(client, Csv(Row("Alpha"), Row("Beta")), key);

        using var changed = await PostCsvAsync(client, Csv(Row("Alpha"), Row("Beta Changed"), Row("Gamma")), key);
        var problem = await changed.JsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        var bad = problem.GetProperty("rows").EnumerateArray().Single(r => !r.GetProperty("valid").GetBoolean());
        Assert.Equal(3, bad.GetProperty("row").GetInt32());
        Assert.True(bad.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(2, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Bulk_QuotedCommasQuotesAndLineBreaks_AreReadAsOneField()
    {
        var agency = Intakes.NewAgency();
        var header = "business_name,business_email,business_phone,country,timezone,description,cv:Hours";
        var csv = header + "\r\n"
            + "\"Smith, Jones & Co\",a@smith.example.com,(312) 744-5000,US,America/Chicago,\"Line one,\nsaid \"\"hi\"\"\",\"Mon-Fri; 9,00-5,00\"\r\n"
            + "Second,b@second.example.com,312-744-5002,us,America/Chicago,,\r\n";

        using var response = await PostCsvAsync(host.ClientFor(agency), csv, key: null, "?dryRun=true");
        var rows = (await response.JsonAsync()).GetProperty("rows");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var business = rows[0].GetProperty("plan").GetProperty("business");
        Assert.Equal("Smith, Jones & Co", business.GetProperty("name").GetString());
        Assert.Equal("Line one,\nsaid \"hi\"", business.GetProperty("description").GetString());
        Assert.Equal("Mon-Fri; 9,00-5,00", rows[0].GetProperty("plan").GetProperty("customValues").GetProperty("Hours").GetString());
        Assert.Equal(3, rows[1].GetProperty("row").GetInt32());
        Assert.Equal("US", rows[1].GetProperty("plan").GetProperty("business").GetProperty("country").GetString());
        Assert.False(rows[1].GetProperty("plan").GetProperty("customValues").TryGetProperty("Hours", out _));
    }

    [Fact]
    public async Task Bulk_MultipartFileField_IsAccepted()
    {
        var agency = Intakes.NewAgency();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(Csv(Row("Alpha"))));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(new StringContent("ignored"), "note");
        form.Add(file, "file", "clients.csv");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/provision/bulk") { Content = form };
        request.Headers.Add("Idempotency-Key", Intakes.NewKey());

        using var response = await host.ClientFor(agency).SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Bulk_TooManyRowsOrBytes_Returns413()
    {
        var client = host.ClientFor(Intakes.NewAgency());
        var rows = Enumerable.Range(1, StreamingHost.MaxRows + 1).Select(i => Row($"Client {i}")).ToArray();
        var big = Csv(Row("Alpha", description: new string('x', StreamingHost.MaxUploadBytes)));

        using var tooManyRows = await PostCsvAsync(client, Csv(rows), Intakes.NewKey());
        using var tooManyBytes = await PostCsvAsync(client, big, Intakes.NewKey());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooManyRows.StatusCode);
        Assert.Equal("application/problem+json", tooManyRows.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooManyBytes.StatusCode);
        Assert.Equal("file", (await tooManyBytes.JsonAsync()).GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("", "file")]
    [InlineData("Alpha,a@alpha.example.com,312-744-5000,US,America/Chicago\r\n", "file")]
    [InlineData("business_name,business_email,business_phone,country,timezone,colour\r\nA,a@a.example.com,312-744-5000,US,America/Chicago,red\r\n", "colour")]
    [InlineData("business_name,business_email,business_phone,country\r\nA,a@a.example.com,312-744-5000,US\r\n", "timezone")]
    [InlineData("business_name,business_email,business_phone,country,timezone,Country\r\n", "Country")]
    [InlineData("business_name,business_email,business_phone,country,timezone\r\n", "file")]
    public async Task Bulk_BadFile_Returns400NamingTheColumn(string csv, string field)
    {
        using var response = await PostCsvAsync(host.ClientFor(Intakes.NewAgency()), csv, Intakes.NewKey());
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Bulk_RequestProblems_AreNamed()
    {
        var agency = Intakes.NewAgency();
        var csv = Csv(Row("Alpha"));

        using var noKey = await PostCsvAsync(host.ClientFor(agency), csv, key: null);
        using var badFlag = await PostCsvAsync(host.ClientFor(agency), csv, Intakes.NewKey(), "?partial=maybe");
        using var json = await PostCsvAsync(host.ClientFor(agency), "{}", Intakes.NewKey(), contentType: "application/json");
        using var viewer = await PostCsvAsync(host.ClientFor(agency, "viewer"), csv, Intakes.NewKey());

        Assert.Equal(["Idempotency-Key"], await noKey.ErrorFieldsAsync());
        Assert.Equal(["partial"], await badFlag.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    private static string Row(string name, string? email = null, string userRole = "admin", string? description = null)
    {
        var slug = name.ToLowerInvariant().Replace(' ', '-');
        var row = $"{name},{email ?? $"owner@{slug}.example.com"},(312) 744-5000,https://{slug}.example.com,US,America/Chicago,snap-1,"
            + $"https://{slug}.example.com/book,Ann,Lee,ann@{slug}.example.com,{userRole}";
        return description is null ? row : row + "," + description;
    }

    private static string Csv(params string[] rows) =>
        (rows.Any(r => r.Count(c => c == ',') > Header.Count(c => c == ',')) ? Header + ",description" : Header) + "\r\n"
        + string.Concat(rows.Select(r => r + "\r\n"));

    private static List<Guid> JobIds(JsonElement report) =>
        [.. report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("jobId").GetGuid())];

    private static Task<HttpResponseMessage> PostCsvAsync(
        HttpClient client, string csv, string? key, string query = "", string contentType = "text/csv")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/provision/bulk" + query)
        {
            Content = new StringContent(csv, Encoding.UTF8, contentType),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }
}
