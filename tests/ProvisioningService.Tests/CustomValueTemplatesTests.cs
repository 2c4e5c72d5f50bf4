using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Provisioner.ProvisioningService.Jobs;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>
/// Agency-wide custom value templates: GET/PUT /api/provision/settings/custom-value-templates, and their application to
/// single, dry-run and bulk intakes (the intake's own value wins; the job stores the resolved text).
/// </summary>
public sealed class CustomValueTemplatesTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    private const string Route = "/api/provision/settings/custom-value-templates";

    [Fact]
    public async Task Put_ThenGet_ReplacesTheWholeSetAndEveryRoleReadsIt()
    {
        var agency = Intakes.NewAgency();
        var admin = host.ClientFor(agency, "admin");
        using (var first = await PutAsync(admin, new JsonObject { ["Old"] = "gone soon", ["Support Phone"] = "+1 512 555 0100" }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await PutAsync(admin, new JsonObject
        {
            ["  Booking Link "] = "https://book.agency.example/{{ business.name }}",
            ["Support Phone"] = "+1 512 555 0199",
        });
        using var read = await host.ClientFor(agency, "viewer").GetAsync(Route);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var expected = new Dictionary<string, string>
        {
            ["Booking Link"] = "https://book.agency.example/{{ business.name }}",
            ["Support Phone"] = "+1 512 555 0199",
        };
        Assert.Equal(expected, await TemplatesAsync(second));
        Assert.Equal(expected, await TemplatesAsync(read));
    }

    [Fact]
    public async Task Put_InvalidTemplates_NamesEachFieldAndStoresNothing()
    {
        var agency = Intakes.NewAgency();
        var admin = host.ClientFor(agency, "admin");

        using var response = await PutAsync(admin, new JsonObject
        {
            ["Fine"] = "ok",
            ["Bad Placeholder"] = "Call {{business.fax}}",
            ["   "] = "no name",
            ["No Value"] = null,
            ["Long"] = new string('x', 2001),
            [new string('n', 101)] = "name too long",
            ["Twice"] = "one",
            ["Twice "] = "two",
        });
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string[] expected =
            ["templates[Bad Placeholder]", "templates[   ]", "templates[No Value]", "templates[Long]", $"templates[{new string('n', 101)}]", "templates[Twice ]"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("{{business.fax}}", problem.GetProperty("errors").GetProperty("templates[Bad Placeholder]")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM custom_value_templates WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Put_TooManyOrNoTemplates_NamesTemplates()
    {
        var admin = host.ClientFor(Intakes.NewAgency(), "admin");
        var many = new JsonObject();
        for (var i = 0; i <= 100; i++)
        {
            many[$"Value {i}"] = "x";
        }

        using var tooMany = await PutAsync(admin, many);
        using var missing = await admin.PutAsJsonAsync(Route, new { });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(["templates"], await tooMany.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["templates"], await missing.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("""{"templates":{"Support Phone":5}}""")]
    [InlineData("""{"templates":["Support Phone"]}""")]
    [InlineData("""{"templates":""")]
    public async Task Put_MalformedBody_RefusedWithProblemDetails(string body)
    {
        var agency = Intakes.NewAgency();

        using var response = await host.ClientFor(agency, "admin").PutAsync(Route, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM custom_value_templates WHERE agency_id = $1", agency));
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("operator")]
    public async Task Put_NotAdmin_Forbidden(string role)
    {
        var agency = Intakes.NewAgency();

        using var response = await PutAsync(host.ClientFor(agency, role), new JsonObject { ["Support Phone"] = "+1 512 555 0100" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM custom_value_templates WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Templates_OfAnotherAgency_NeitherSeenNorApplied()
    {
        var agencyA = Intakes.NewAgency();
        var agencyB = Intakes.NewAgency();
        using (var put = await PutAsync(host.ClientFor(agencyA, "admin"), new JsonObject { ["A Secret"] = "only for A" }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var read = await host.ClientFor(agencyB, "admin").GetAsync(Route);
        var plan = await DryRunAsync(host.ClientFor(agencyB), Intakes.Valid());

        Assert.Empty(await TemplatesAsync(read));
        Assert.False(plan.GetProperty("customValues").TryGetProperty("A Secret", out _));
    }

    [Fact]
    public async Task Provision_WithTemplates_JobHoldsThemResolvedAndTheIntakeValueWins()
    {
        var agency = Intakes.NewAgency();
        await PutValidAsync(agency, new JsonObject
        {
            ["Booking Link"] = "https://book.agency.example/template",
            ["Support Line"] = "{{business.name}}: {{business.phone}}",
        });

        using var response = await host.ClientFor(agency).PostAsync(Intakes.Valid(), Intakes.NewKey());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var jobId = (await response.JsonAsync()).GetProperty("jobId").GetGuid();
        await host.WithDbAsync(async db =>
        {
            var intake = IntakeHash.Deserialize((await db.Jobs.SingleAsync(j => j.Id == jobId)).Intake);
            Assert.Equal("Acme Plumbing: +13127445000", intake.CustomValues["Support Line"]);
            Assert.Equal("https://acme-plumbing.com/book", intake.CustomValues["Booking Link"]);
            Assert.Equal(["Booking Link", "Greeting", "Support Line"], intake.CustomValues.Keys);
        });
    }

    [Fact]
    public async Task Provision_TemplateUsingAFieldTheIntakeLeavesEmpty_ReportedUnderThatCustomValue()
    {
        var agency = Intakes.NewAgency();
        await PutValidAsync(agency, new JsonObject { ["Trade"] = "We do {{business.industry}}" });
        var intake = Intakes.Valid();
        intake["business"]!["industry"] = null;

        using var response = await host.ClientFor(agency).PostAsync(intake, Intakes.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["customValues[Trade]"], await response.ErrorFieldsAsync());
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task DryRun_WithTemplates_ShowsThemResolved()
    {
        var agency = Intakes.NewAgency();
        await PutValidAsync(agency, new JsonObject { ["Booking Link"] = "ignored", ["Site"] = "{{business.website}}/contact" });

        var plan = await DryRunAsync(host.ClientFor(agency), Intakes.Valid());

        var values = plan.GetProperty("customValues");
        Assert.Equal("https://acme-plumbing.com/contact", values.GetProperty("Site").GetString());
        Assert.Equal("https://acme-plumbing.com/book", values.GetProperty("Booking Link").GetString());
    }

    [Fact]
    public async Task Bulk_WithTemplates_EveryRowsJobGetsThem()
    {
        var agency = Intakes.NewAgency();
        await PutValidAsync(agency, new JsonObject { ["Greeting"] = "Hello from {{business.name}}", ["Booking Link"] = "template wins not" });
        const string Csv = "business_name,business_email,business_phone,country,timezone,snapshot_id,cv:Booking Link\r\n"
            + "Alpha Co,owner@alpha.example.com,(312) 744-5000,US,America/Chicago,snap-1,https://alpha.example.com/book\r\n"
            + "Beta Co,owner@beta.example.com,(312) 744-5000,US,America/Chicago,snap-1,https://beta.example.com/book\r\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/provision/bulk") { Content = new StringContent(Csv, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.Add("Idempotency-Key", Intakes.NewKey());

        using var response = await host.ClientFor(agency).SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        await host.WithDbAsync(async db =>
        {
            var intakes = (await db.Jobs.Where(j => j.AgencyId == agency).Select(j => j.Intake).ToListAsync())
                .Select(IntakeHash.Deserialize).OrderBy(i => i.Business.Name).ToList();
            Assert.Equal(["Hello from Alpha Co", "Hello from Beta Co"], intakes.Select(i => i.CustomValues["Greeting"]));
            Assert.Equal(["https://alpha.example.com/book", "https://beta.example.com/book"], intakes.Select(i => i.CustomValues["Booking Link"]));
        });
    }

    [Fact]
    public async Task Provision_SameKeyAfterTemplatesChanged_IsADifferentIntake()
    {
        var agency = Intakes.NewAgency();
        var key = Intakes.NewKey();
        var client = host.ClientFor(agency);
        await PutValidAsync(agency, new JsonObject { ["Support Phone"] = "+1 512 555 0100" });
        using var first = await client.PostAsync(Intakes.Valid(), key);
        await PutValidAsync(agency, new JsonObject { ["Support Phone"] = "+1 512 555 0199" });

        using var repeat = await client.PostAsync(Intakes.Valid(), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, repeat.StatusCode);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, JsonObject templates) =>
        client.PutAsJsonAsync(Route, new JsonObject { ["templates"] = templates });

    private async Task PutValidAsync(string agency, JsonObject templates)
    {
        using var response = await PutAsync(host.ClientFor(agency, "admin"), templates);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<Dictionary<string, string>> TemplatesAsync(HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("templates").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static async Task<JsonElement> DryRunAsync(HttpClient client, JsonObject intake)
    {
        using var response = await client.PostAsync(intake, key: null, dryRun: true);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
