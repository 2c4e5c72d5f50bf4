using System.Net;
using System.Text.Json.Nodes;
using Provisioner.TestSupport.Security;

namespace Provisioner.ProvisioningService.Tests.Security;

/// <summary>
/// Defects the bad-input run found (issue #11 scenario 6), fixed; these tests keep them fixed.
/// </summary>
public sealed class ProvisioningFindingsTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    [Fact]
    public async Task Provision_NulCharacterInFirstName_Returns400NamingField()
    {
        var agency = Intakes.NewAgency();
        var intake = Intakes.Valid();
        intake["users"]![0]!["firstName"] = "A\u0000nn";

        using var response = await host.ClientFor(agency).PostAsync(intake, Intakes.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("users[0].firstName", await response.ErrorFieldsAsync());
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM jobs WHERE agency_id = $1", agency));
    }

    [Fact]
    public async Task PutSettings_ConcurrentFirstWrites_NoServerError()
    {
        var client = host.ClientFor(Intakes.NewAgency(), "admin");
        var body = new JsonObject { ["defaultSnapshotId"] = "snap-1", ["maxConcurrentJobs"] = 5 }.ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            client.PutAsync("/api/provision/settings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Theory]
    [InlineData("owner@acme-\uFEFFplumbing.com")]
    [InlineData("own\u2028er@acme-plumbing.com")]
    public async Task Provision_InvisibleCharacterInEmail_Returns400NamingField(string email)
    {
        var agency = Intakes.NewAgency();
        var intake = Intakes.Valid();
        intake["business"]!["email"] = email;

        using var response = await host.ClientFor(agency).PostAsync(intake, Intakes.NewKey());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["business.email"], await response.ErrorFieldsAsync());
    }
}
