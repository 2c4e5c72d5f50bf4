using System.Net;
using Provisioner.GhlClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Provisioner.GhlClient.Tests;

public sealed class GhlAuthenticationTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task GetCompany_TokenRejected_RefreshesOnceAndRetriesWithTheNewToken()
    {
        StubCompanyAcceptingOnly("Bearer token-initial-r1");
        await using var host = GhlTestHost.Create(_server.Url!);

        var company = await host.Companies.GetAsync("c-1");

        Assert.Equal("c-1", company.Id);
        Assert.Equal(1, host.Tokens.Refreshes);
        var authorizations = _server.LogEntries.Select(e => e.RequestMessage.Headers!["Authorization"].Single()).ToList();
        Assert.Equal(["Bearer token-initial", "Bearer token-initial-r1"], authorizations);
    }

    [Fact]
    public async Task GetCompany_FiftyConcurrentRejections_CauseExactlyOneRefresh()
    {
        StubCompanyAcceptingOnly("Bearer token-initial-r1");
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?> { ["BurstLimit"] = "1000" });

        var companies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Companies.GetAsync("c-1")));

        Assert.All(companies, c => Assert.Equal("c-1", c.Id));
        Assert.Equal(1, host.Tokens.Refreshes);
    }

    [Fact]
    public async Task GetCompany_StillRejectedAfterRefresh_ThrowsAfterExactlyOneRetry()
    {
        _server.Given(Request.Create().WithPath("/companies/c-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401)
                .WithBody("""{"statusCode":401,"message":"Invalid token: access token is invalid","error":"Unauthorized"}"""));
        await using var host = GhlTestHost.Create(_server.Url!);

        var error = await Assert.ThrowsAsync<GhlApiException>(() => host.Companies.GetAsync("c-1"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(["Invalid token: access token is invalid"], error.Messages);
        Assert.Equal(2, _server.LogEntries.Count());
        Assert.Equal(1, host.Tokens.Refreshes);
    }

    // GHL's 401 bodies that are about what a valid token may do (BRIEF §1, §6.6): a new token would be refused alike.
    [Theory]
    [InlineData("""{"statusCode":401,"message":"The token is not authorized for this scope.","error":"Unauthorized"}""", "The token is not authorized for this scope.")]
    [InlineData("""{"statusCode":401,"message":"This authClass type is not allowed to access this scope. Please reach out to the Platform team to get it added.","error":"Unauthorized"}""", "This authClass type is not allowed to access this scope. Please reach out to the Platform team to get it added.")]
    [InlineData("""{"statusCode":401,"message":"This location is not accessible from this token.","error":"Unauthorized"}""", "This location is not accessible from this token.")]
    [InlineData("""{"status":401,"message":"You do not have access to this feature! Please contact the admin!","name":"HttpException","traceId":"t-1"}""", "You do not have access to this feature! Please contact the admin!")]
    public async Task GetCompany_401AboutScopeOrAccess_ThrowsWithoutRefreshing(string body, string message)
    {
        _server.Given(Request.Create().WithPath("/companies/c-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json").WithBody(body));
        await using var host = GhlTestHost.Create(_server.Url!);

        var error = await Assert.ThrowsAsync<GhlApiException>(() => host.Companies.GetAsync("c-1"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal([message], error.Messages);
        Assert.Single(_server.LogEntries);
        Assert.Equal(0, host.Tokens.Refreshes);
    }

    [Theory]
    [InlineData("""{"statusCode":401,"message":"Invalid JWT"}""")]
    [InlineData("""{"statusCode":401,"message":"Unauthorized"}""")]
    [InlineData("<html>401 Authorization Required</html>")]
    [InlineData("")]
    public async Task GetCompany_401AboutTheTokenOrUnknown_RefreshesOnce(string body)
    {
        _server.Given(Request.Create().WithPath("/companies/c-1").UsingGet().WithHeader("Authorization", "Bearer token-initial-r1"))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Samples.CompanyJson));
        _server.Given(Request.Create().WithPath("/companies/c-1").UsingGet())
            .AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(401).WithBody(body));
        await using var host = GhlTestHost.Create(_server.Url!);

        var company = await host.Companies.GetAsync("c-1");

        Assert.Equal("c-1", company.Id);
        Assert.Equal(1, host.Tokens.Refreshes);
    }

    [Fact]
    public async Task ListCustomValues_LocationEndpoint_SendsTheLocationTokenAndVersion()
    {
        _server.Given(Request.Create().WithPath("/locations/loc-7/customValues").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"customValues":[]}"""));
        var tokens = new PerResourceTokenProvider();
        await using var host = GhlTestHost.Create(_server.Url!, tokens: null, services: s => s.AddSingletonTokenProvider(tokens));

        await host.CustomValues.ListAsync("loc-7");

        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal("Bearer location:loc-7", request.Headers!["Authorization"].Single());
        Assert.Equal("2021-07-28", request.Headers!["Version"].Single());
    }

    private void StubCompanyAcceptingOnly(string authorization)
    {
        _server.Given(Request.Create().WithPath("/companies/c-1").UsingGet().WithHeader("Authorization", authorization))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Samples.CompanyJson));
        _server.Given(Request.Create().WithPath("/companies/c-1").UsingGet())
            .AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"statusCode":401,"message":"Invalid JWT"}"""));
    }

    /// <summary>Hands out a token naming the resource, so a test can see which token kind an endpoint used.</summary>
    private sealed class PerResourceTokenProvider : IGhlTokenProvider
    {
        public ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult(request.ResourceKey);

        public ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no refresh expected");
    }
}
