using System.Net;
using System.Text.Json.Nodes;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>Validation at the edge: one test per rule family, each asserting the failing field is named.</summary>
public sealed class ProvisionValidationTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    [Fact]
    public async Task Provision_MissingIdempotencyKey_Returns400NamingHeader()
    {
        using var response = await host.ClientFor(Intakes.NewAgency()).PostAsync(Intakes.Valid(), key: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Idempotency-Key"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Provision_MissingRequiredFields_NamesEachField()
    {
        var intake = Intakes.Valid();
        var business = intake["business"]!.AsObject();
        foreach (var field in new[] { "name", "email", "phone", "country", "timezone" })
        {
            business.Remove(field);
        }

        intake["users"]![1]!["lastName"] = "  ";
        intake["users"]![1]!.AsObject().Remove("role");

        using var response = await Post(intake);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["business.country", "business.email", "business.name", "business.phone", "business.timezone", "users[1].lastName", "users[1].role"],
            (await response.ErrorFieldsAsync()).Order(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    [Fact]
    public async Task Provision_MissingBusiness_NamesBusiness()
    {
        var intake = Intakes.Valid();
        intake.Remove("business");
        intake.Remove("customValues");

        using var response = await Post(intake);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["business"], await response.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("Ann <ann@example.com>")]
    [InlineData("ann@localhost")]
    public async Task Provision_BadEmail_NamesUserAndBusinessEmail(string email)
    {
        var intake = Intakes.Valid();
        intake["business"]!["email"] = email;
        intake["users"]![1]!["email"] = email;

        using var response = await Post(intake);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["business.email", "users[1].email"], (await response.ErrorFieldsAsync()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("call me")]
    [InlineData("+44 20 7946")]
    public async Task Provision_BadPhone_NamesPhoneFields(string phone)
    {
        var intake = Intakes.Valid();
        intake["business"]!["phone"] = phone;
        intake["users"]![0]!["phone"] = phone;

        using var response = await Post(intake);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["business.phone", "users[0].phone"], (await response.ErrorFieldsAsync()).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("America/Chicagoo")]
    [InlineData("Central Standard Time")]
    [InlineData("america/chicago")]
    public async Task Provision_NonIanaTimeZone_NamesTimezone(string zone)
    {
        var intake = Intakes.Valid();
        intake["business"]!["timezone"] = zone;

        using var response = await Post(intake);

        Assert.Equal(["business.timezone"], await response.ErrorFieldsAsync());
    }

    [Theory]
    [InlineData("USA")]
    [InlineData("XK")]
    [InlineData("ZZ")]
    public async Task Provision_NonIsoCountry_NamesCountry(string country)
    {
        var intake = Intakes.Valid();
        intake["business"]!["country"] = country;

        using var response = await Post(intake);

        Assert.Contains("business.country", await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Provision_UnknownRoleAndDuplicateEmail_NamesTheUsers()
    {
        var intake = Intakes.Valid();
        intake["users"]![0]!["role"] = "owner";
        intake["users"]![1]!["email"] = "ANN@acme-plumbing.com";

        using var response = await Post(intake);

        Assert.Equal(["users[0].role", "users[1].email"], (await response.ErrorFieldsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Provision_OverSizeLimits_NamesUsersAndLongFields()
    {
        var intake = Intakes.Valid();
        intake["business"]!["name"] = new string('a', 201);
        intake["business"]!["postalCode"] = new string('1', 21);
        var users = intake["users"]!.AsArray();
        for (var i = 0; i < 2; i++)
        {
            users.Add(new JsonObject { ["firstName"] = "C", ["lastName"] = "D", ["email"] = $"c{i}@example.com", ["role"] = "user" });
        }

        using var response = await Post(intake);

        Assert.Equal(["business.name", "business.postalCode", "users"], (await response.ErrorFieldsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Provision_BadCustomValueTemplates_NamesEachValue()
    {
        var intake = Intakes.Valid();
        intake["business"]!.AsObject().Remove("industry");
        intake["customValues"] = new JsonObject
        {
            ["Unknown"] = "Hi {{business.owner}}",
            ["Empty"] = "We do {{business.industry}}",
            ["Fine"] = "{{business.city}}",
        };

        using var response = await Post(intake);

        Assert.Equal(["customValues[Empty]", "customValues[Unknown]"], (await response.ErrorFieldsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Provision_ViewerOrAnonymous_IsRefused()
    {
        using var viewer = await host.ClientFor(Intakes.NewAgency(), "viewer").PostAsync(Intakes.Valid(), Intakes.NewKey());
        using var anonymous = await host.CreateClient().PostAsync(Intakes.Valid(), Intakes.NewKey());

        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private Task<HttpResponseMessage> Post(JsonObject intake) =>
        host.ClientFor(Intakes.NewAgency()).PostAsync(intake, Intakes.NewKey());
}
