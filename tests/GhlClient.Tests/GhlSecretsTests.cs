using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Models;
using Provisioner.GhlClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Provisioner.GhlClient.Tests;

public sealed class GhlSecretsTests : IDisposable
{
    private const string AccessToken = "at-3c9e1f7a-secret";
    private const string RefreshToken = "rt-77d2b0c4-secret";
    private const string Password = "S3cure!Passw0rd-9f";
    private const string Code = "code-5be1d0-secret";

    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task OAuthAndUserFlows_WithTraceLogging_NeverLogTokensSecretsOrPasswords()
    {
        _server.Given(Request.Create().WithPath("/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"access_token":"{{AccessToken}}","refresh_token":"{{RefreshToken}}","userType":"Company","companyId":"c-1","userId":"u-1"}"""));
        _server.Given(Request.Create().WithPath("/users/").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(422).WithBody("""{"statusCode":422,"message":["email already exists"]}"""));
        await using var host = GhlTestHost.Create(_server.Url!, tokens: new FakeTokenProvider(AccessToken));

        var exchanged = await host.OAuth.ExchangeCodeAsync(Code, GhlUserType.Company, null);
        var refreshed = await host.OAuth.RefreshTokenAsync(RefreshToken, GhlUserType.Company);
        var createUser = new GhlCreateUserRequest
        {
            CompanyId = "c-1", FirstName = "Jo", LastName = "Doe", Email = "jo@example.com", Password = Password,
            Type = "account", Role = "admin", LocationIds = ["loc-1"],
        };
        var error = await Assert.ThrowsAsync<GhlApiException>(() => host.Users.CreateAsync(createUser));

        Assert.Equal(AccessToken, exchanged.AccessToken);
        var texts = host.Logs.GetSnapshot()
            .SelectMany(r => new[] { r.Message, r.Exception?.ToString() }
                .Concat(r.StructuredState?.Select(kv => kv.Value) ?? [])
                .Concat(r.Scopes.Select(s => s?.ToString())))
            .Concat([error.ToString(), exchanged.ToString(), refreshed.ToString(), createUser.ToString()])
            .OfType<string>()
            .ToList();
        Assert.True(host.Logs.Count >= 3, "expected the client's own request logs to be captured");
        foreach (var secret in new[] { AccessToken, RefreshToken, Password, Code, GhlTestHost.ClientSecret })
        {
            Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
        }

        // The secrets did go over the wire: the test would be empty otherwise.
        var sentBodies = string.Join("\n", _server.LogEntries.Select(e => e.RequestMessage.Body));
        Assert.Contains(Uri.EscapeDataString(GhlTestHost.ClientSecret), sentBodies, StringComparison.Ordinal);
        Assert.Contains(Password, sentBodies, StringComparison.Ordinal);
    }
}
