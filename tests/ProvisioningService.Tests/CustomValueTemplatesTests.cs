using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>
/// Agency-wide custom value templates: GET/PUT /api/provision/settings/custom-value-templates (validation, roles,
/// isolation). Their application to intakes: <see cref="CustomValueTemplatesIntakeTests"/>.
/// </summary>
public sealed class CustomValueTemplatesTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    [Fact]
    public async Task Put_ThenGet_ReplacesTheWholeSetAndEveryRoleReadsIt()
    {
        var agency = Intakes.NewAgency();
        var admin = host.ClientFor(agency, "admin");
        using (var first = await CustomValueTemplatesApi.PutAsync(admin, new JsonObject { ["Old"] = "gone soon", ["Support Phone"] = "+1 512 555 0100" }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var second = await CustomValueTemplatesApi.PutAsync(admin, new JsonObject
        {
            ["  Booking Link "] = "https://book.agency.example/{{ business.name }}",
            ["Support Phone"] = "+1 512 555 0199",
        });
        using var read = await host.ClientFor(agency, "viewer").GetAsync(CustomValueTemplatesApi.Route);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var expected = new Dictionary<string, string>
        {
            ["Booking Link"] = "https://book.agency.example/{{ business.name }}",
            ["Support Phone"] = "+1 512 555 0199",
        };
        Assert.Equal(expected, await CustomValueTemplatesApi.TemplatesAsync(second));
        Assert.Equal(expected, await CustomValueTemplatesApi.TemplatesAsync(read));
    }

    [Fact]
    public async Task Put_InvalidTemplates_NamesEachFieldAndStoresNothing()
    {
        var agency = Intakes.NewAgency();
        var admin = host.ClientFor(agency, "admin");

        using var response = await CustomValueTemplatesApi.PutAsync(admin, new JsonObject
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

        using var tooMany = await CustomValueTemplatesApi.PutAsync(admin, many);
        using var missing = await admin.PutAsJsonAsync(CustomValueTemplatesApi.Route, new { });

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

        using var response = await host.ClientFor(agency, "admin").PutAsync(CustomValueTemplatesApi.Route, new StringContent(body, Encoding.UTF8, "application/json"));

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

        using var response = await CustomValueTemplatesApi.PutAsync(host.ClientFor(agency, role), new JsonObject { ["Support Phone"] = "+1 512 555 0100" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM custom_value_templates WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task Templates_OfAnotherAgency_NeitherSeenNorApplied()
    {
        var agencyA = Intakes.NewAgency();
        var agencyB = Intakes.NewAgency();
        using (var put = await CustomValueTemplatesApi.PutAsync(host.ClientFor(agencyA, "admin"), new JsonObject { ["A Secret"] = "only for A" }))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        using var read = await host.ClientFor(agencyB, "admin").GetAsync(CustomValueTemplatesApi.Route);
        var plan = await CustomValueTemplatesApi.DryRunAsync(host.ClientFor(agencyB), Intakes.Valid());

        Assert.Empty(await CustomValueTemplatesApi.TemplatesAsync(read));
        Assert.False(plan.GetProperty("customValues").TryGetProperty("A Secret", out _));
    }
}
