using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Provisioner.ProvisioningService.Jobs;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>
/// Custom value templates applied to single, dry-run and bulk intakes: the intake's own value wins; the job stores the
/// resolved text.
/// </summary>
public sealed class CustomValueTemplatesIntakeTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    [Fact]
    public async Task Provision_WithTemplates_JobHoldsThemResolvedAndTheIntakeValueWins()
    {
        var agency = Intakes.NewAgency();
        await CustomValueTemplatesApi.PutValidAsync(host, agency, new JsonObject
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
        await CustomValueTemplatesApi.PutValidAsync(host, agency, new JsonObject { ["Trade"] = "We do {{business.industry}}" });
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
        await CustomValueTemplatesApi.PutValidAsync(host, agency, new JsonObject { ["Booking Link"] = "ignored", ["Site"] = "{{business.website}}/contact" });

        var plan = await CustomValueTemplatesApi.DryRunAsync(host.ClientFor(agency), Intakes.Valid());

        var values = plan.GetProperty("customValues");
        Assert.Equal("https://acme-plumbing.com/contact", values.GetProperty("Site").GetString());
        Assert.Equal("https://acme-plumbing.com/book", values.GetProperty("Booking Link").GetString());
    }

    [Fact]
    public async Task Bulk_WithTemplates_EveryRowsJobGetsThem()
    {
        var agency = Intakes.NewAgency();
        await CustomValueTemplatesApi.PutValidAsync(host, agency, new JsonObject { ["Greeting"] = "Hello from {{business.name}}", ["Booking Link"] = "template wins not" });
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
        await CustomValueTemplatesApi.PutValidAsync(host, agency, new JsonObject { ["Support Phone"] = "+1 512 555 0100" });
        using var first = await client.PostAsync(Intakes.Valid(), key);
        await CustomValueTemplatesApi.PutValidAsync(host, agency, new JsonObject { ["Support Phone"] = "+1 512 555 0199" });

        using var repeat = await client.PostAsync(Intakes.Valid(), key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, repeat.StatusCode);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }
}
