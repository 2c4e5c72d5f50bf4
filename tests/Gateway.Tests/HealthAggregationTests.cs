using System.Net;
using System.Net.Http.Json;
using Provisioner.Gateway.Tests.Support;
using Provisioner.ServiceDefaults;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Gateway.Tests;

/// <summary>Each test owns its backends and gateway: backend health is the state under test.</summary>
public sealed class HealthAggregationTests
{
    [Fact]
    public async Task Health_AllBackendsHealthy_ReportsHealthyWithAnEntryPerService()
    {
        await using var env = await GatewayEnvironment.StartAsync();
        using var client = env.CreateAnonymousClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<HealthResponse>(HealthJson.Options);
        Assert.NotNull(report);
        Assert.Equal("Healthy", report.Status);
        Assert.All(ResourceNames.BackendServices, name => Assert.Equal("Healthy", report.Entries[name].Status));
        Assert.All(env.Backends, b => Assert.Equal(1, b.ProbeHits));
    }

    [Fact]
    public async Task Health_OneBackendUnhealthy_ReportsUnhealthyAndNamesIt()
    {
        await using var env = await GatewayEnvironment.StartAsync();
        env.Backend(ResourceNames.Audit).Health = BackendHealth.Unhealthy;
        using var client = env.CreateAnonymousClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<HealthResponse>(HealthJson.Options);
        Assert.NotNull(report);
        Assert.Equal("Unhealthy", report.Status);
        var audit = report.Entries[ResourceNames.Audit];
        Assert.Equal("Unhealthy", audit.Status);
        Assert.Contains("db: Unhealthy", audit.Description);
        Assert.Equal("Healthy", report.Entries[ResourceNames.Auth].Status);
    }

    [Fact]
    public async Task Health_BackendDown_ReportsItUnreachable()
    {
        await using var env = await GatewayEnvironment.StartAsync();
        await env.Backend(ResourceNames.Advisor).DisposeAsync();
        using var client = env.CreateAnonymousClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<HealthResponse>(HealthJson.Options);
        var advisor = report!.Entries[ResourceNames.Advisor];
        Assert.Equal("Unhealthy", advisor.Status);
        Assert.StartsWith("Unreachable", advisor.Description);
    }

    [Fact]
    public async Task Health_BackendNotAnswering_ReportsTimeoutWithoutWaitingForIt()
    {
        await using var env = await GatewayEnvironment.StartAsync(new Dictionary<string, string?>
        {
            ["GatewayOptions:HealthTimeout"] = "00:00:00.500",
        });
        env.Backend(ResourceNames.Provisioning).Health = BackendHealth.Hanging;
        using var client = env.CreateAnonymousClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<HealthResponse>(HealthJson.Options);
        var provisioning = report!.Entries[ResourceNames.Provisioning];
        Assert.Equal("Unhealthy", provisioning.Status);
        Assert.Equal("No answer within 500 ms.", provisioning.Description);
    }

    [Fact]
    public async Task Alive_BackendUnhealthy_StaysHealthy()
    {
        await using var env = await GatewayEnvironment.StartAsync();
        env.Backend(ResourceNames.Auth).Health = BackendHealth.Unhealthy;
        using var client = env.CreateAnonymousClient();

        using var response = await client.GetAsync("/alive");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(env.Backends, b => Assert.Equal(0, b.ProbeHits));
    }
}
