using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;
using Provisioner.SnapshotAdvisor.Data;
using Provisioner.SnapshotAdvisor.Library;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Provisioner.SnapshotAdvisor.Api.Tests;

/// <summary>
/// The service as wired for production: GHL tokens from AuthService's internal API (<c>AddGhlTokensFromAuthService</c>),
/// here with AuthService and GHL played by one WireMock that only answers the right internal key and token.
/// </summary>
public sealed class AuthServiceTokensTests(AuthServiceTokensFixture fixture) : IClassFixture<AuthServiceTokensFixture>
{
    private const string TokenPath = "/internal/ghl/token";

    private AdvisorHost Host => fixture.Host;

    [Fact]
    public async Task Sync_TokenFromAuthService_ReadsGhlWithItAndAsksAuthServiceOnce()
    {
        var agency = Ids.Agency();
        AuthServiceIssues(agency, $"at-{agency}");
        Host.Ghl.Given(Request.Create().WithPath("/snapshots/").WithParam("companyId", agency).WithHeader("Authorization", $"Bearer at-{agency}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { snapshots = new[] { new { id = "s1", name = "Dental", type = "own" } } }));
        using var client = Host.ClientFor(agency);

        var first = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();
        var second = await (await client.PostAsync("/api/snapshots/sync", null)).ReadAsync<SyncResult>();

        Assert.Equal((1, 1), (first.Added, second.Total));
        Assert.Equal(1, TokenRequestsFor(agency));
    }

    [Fact]
    public async Task Sync_AuthServiceSaysTheAgencyMustReconnect_Returns409ProblemAndRecordsIt()
    {
        var agency = Ids.Agency();
        Host.Ghl.Given(TokenRequest(agency))
            .RespondWith(Response.Create().WithStatusCode(409).WithHeader("Content-Type", "application/problem+json")
                .WithBody(JsonSerializer.Serialize(new { title = "Agency must reconnect", status = 409, state = "NeedsReconnect" })));
        using var client = Host.ClientFor(agency);

        var response = await client.PostAsync("/api/snapshots/sync", null);

        var problem = await response.ReadAsync<JsonElement>(HttpStatusCode.Conflict);
        Assert.Contains(agency, problem.GetProperty("detail").GetString());
        var library = await Host.InScopeAsync(sp => sp.GetRequiredService<AdvisorDbContext>().Libraries.FindAsync(agency).AsTask());
        Assert.Contains("NeedsReconnect", library!.LastSyncError);
    }

    private static IRequestBuilder TokenRequest(string agency) =>
        Request.Create().WithPath(TokenPath).UsingPost()
            .WithHeader("X-Internal-Key", AdvisorHost.InternalKey)
            .WithBody(new JsonPartialMatcher(new { agencyId = agency }));

    private void AuthServiceIssues(string agency, string accessToken) =>
        Host.Ghl.Given(TokenRequest(agency))
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithBodyAsJson(new { accessToken, expiresAt = DateTimeOffset.UtcNow.AddHours(1), tokenType = "agency" }));

    private int TokenRequestsFor(string agency) =>
        Host.Ghl.LogEntries.Count(e => e.RequestMessage.Path == TokenPath && e.RequestMessage.Body?.Contains(agency, StringComparison.Ordinal) == true);
}
