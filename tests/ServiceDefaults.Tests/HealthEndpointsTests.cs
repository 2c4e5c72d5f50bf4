using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.ServiceDefaults.Tests;

public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Health_AllChecksPass_ReturnsHealthyWithEntries()
    {
        await using var app = await TestApp.StartAsync();
        using var client = app.GetTestClient();

        var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<HealthResponse>(HealthJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body!.Status);
        Assert.Contains("self", body.Entries.Keys);
    }

    [Fact]
    public async Task Health_DependencyFails_ReturnsUnhealthyNamingIt()
    {
        await using var app = await TestApp.StartAsync(b => b.AddFailingDependency());
        using var client = app.GetTestClient();

        var response = await client.GetAsync("/health");
        var body = await response.Content.ReadFromJsonAsync<HealthResponse>(HealthJson.Options);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", body!.Status);
        Assert.Equal("Unhealthy", body.Entries["database"].Status);
    }

    [Fact]
    public async Task Alive_DependencyFails_StaysHealthy()
    {
        await using var app = await TestApp.StartAsync(b => b.AddFailingDependency());
        using var client = app.GetTestClient();

        var response = await client.GetAsync("/alive");
        var body = await response.Content.ReadFromJsonAsync<HealthResponse>(HealthJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("database", body!.Entries.Keys);
    }
}
