extern alias web;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.Web.Tests.Infrastructure;
using web::Provisioner.Web.Operations;

namespace Provisioner.Web.Tests.Operations;

public sealed class ServiceHealthClientTests
{
    [Fact]
    public async Task CheckAsync_WhenServiceReportsHealthy_ReturnsHealthyWithEntriesAndTime()
    {
        await using var service = await FakeHealthService.ReportingAsync(
            200, FakeHealthService.Report("Healthy", ("self", "Healthy", null), ("database", "Healthy", "ok")));

        var report = await CheckAsync(service.Address);

        Assert.Equal(ServiceStatus.Healthy, report.Status);
        Assert.Equal(["database", "self"], report.Entries.Select(e => e.Name));
        Assert.Equal("ok", report.Entries[0].Description);
        Assert.NotNull(report.ResponseTime);
    }

    [Fact]
    public async Task CheckAsync_WhenServiceReportsUnhealthy_ReturnsUnhealthyWithFailingEntry()
    {
        await using var service = await FakeHealthService.ReportingAsync(
            503, FakeHealthService.Report("Unhealthy", ("rabbitmq", "Unhealthy", "broker down")));

        var report = await CheckAsync(service.Address);

        Assert.Equal(ServiceStatus.Unhealthy, report.Status);
        Assert.Equal("HTTP 503", report.Summary);
        var entry = Assert.Single(report.Entries);
        Assert.Equal(("rabbitmq", "Unhealthy", "broker down"), (entry.Name, entry.Status, entry.Description));
    }

    [Fact]
    public async Task CheckAsync_WhenServiceReportsDegraded_ReturnsDegraded()
    {
        await using var service = await FakeHealthService.ReportingAsync(
            200, FakeHealthService.Report("Degraded", ("ghl", "Degraded", "rate limited")));

        var report = await CheckAsync(service.Address);

        Assert.Equal(ServiceStatus.Degraded, report.Status);
    }

    [Fact]
    public async Task CheckAsync_WhenErrorHasNoReport_ReturnsUnhealthyFromStatusCode()
    {
        await using var service = await FakeHealthService.StartAsync(context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("boom");
        });

        var report = await CheckAsync(service.Address);

        Assert.Equal(ServiceStatus.Unhealthy, report.Status);
        Assert.Equal("HTTP 500 without a health report", report.Summary);
    }

    [Fact]
    public async Task CheckAsync_WhenNothingListens_ReturnsUnreachable()
    {
        var report = await CheckAsync(ClosedPort.Address());

        Assert.Equal(ServiceStatus.Unreachable, report.Status);
        Assert.Equal("Unreachable (ConnectionError)", report.Summary);
        Assert.Empty(report.Entries);
    }

    [Fact]
    public async Task CheckAsync_WhenServiceNeverAnswers_ReturnsUnreachableAfterProbeTimeout()
    {
        await using var service = await FakeHealthService.StartAsync(
            context => Task.Delay(Timeout.Infinite, context.RequestAborted));

        var report = await CheckAsync(service.Address, TimeSpan.FromMilliseconds(300));

        Assert.Equal(ServiceStatus.Unreachable, report.Status);
        Assert.Equal("No answer within 300 ms", report.Summary);
    }

    /// <summary>Calls http://auth/health the way the portal does: service discovery maps the name to the fake.</summary>
    private static async Task<ServiceHealthReport> CheckAsync(Uri address, TimeSpan? probeTimeout = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:auth:http:0"] = address.ToString() })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddServiceDiscovery();
        services.Configure<OperationsOptions>(o => o.ProbeTimeout = probeTimeout ?? TimeSpan.FromSeconds(20));
        services.AddHttpClient<ServiceHealthClient>().AddServiceDiscovery();
        await using var provider = services.BuildServiceProvider();

        return await provider.GetRequiredService<ServiceHealthClient>().CheckAsync("auth", CancellationToken.None);
    }
}
