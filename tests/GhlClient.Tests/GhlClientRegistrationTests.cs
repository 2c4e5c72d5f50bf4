using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Provisioner.GhlClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Provisioner.GhlClient.Tests;

public sealed class GhlClientRegistrationTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task Start_MissingClientSecret_FailsNamingTheField()
    {
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?> { ["ClientSecret"] = "" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RelativeBaseUrl_FailsNamingTheConnectionString()
    {
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?> { ["BaseAddress"] = "ftp://ghl.example" });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.Host.StartAsync());

        Assert.Contains("ConnectionStrings:ghl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_ServerAnswers_IsHealthy()
    {
        _server.Given(Request.Create().WithPath("/").UsingGet()).RespondWith(Response.Create().WithStatusCode(404));
        await using var host = GhlTestHost.Create(_server.Url!);

        var report = await host.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["ghl"].Status);
    }

    [Fact]
    public async Task HealthCheck_NothingListening_IsDegraded()
    {
        var url = _server.Url!;
        _server.Stop();
        await using var host = GhlTestHost.Create(url);

        var report = await host.CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, report.Entries["ghl"].Status);
    }
}
