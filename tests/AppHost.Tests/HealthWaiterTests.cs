using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Provisioner.AppHost.Processes;
using Provisioner.TestSupport.Processes;

namespace Provisioner.AppHost.Tests;

public sealed class HealthWaiterTests
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false });

    [Theory]
    [InlineData(200, """{"status":"Healthy"}""", HealthStatus.Healthy)]
    [InlineData(200, """{"status":"Degraded"}""", HealthStatus.Degraded)]
    [InlineData(503, """{"status":"Unhealthy"}""", HealthStatus.Unhealthy)]
    [InlineData(503, "not json", HealthStatus.Unhealthy)]
    public async Task ProbeAsync_HealthBody_MapsToStatus(int statusCode, string body, HealthStatus expected)
    {
        await using var app = await StartHealthServerAsync(statusCode, body);

        var status = await new HealthWaiter(Http).ProbeAsync(app.Urls.Single(), CancellationToken.None);

        Assert.Equal(expected, status);
    }

    [Fact]
    public async Task ProbeAsync_NothingListening_IsUnreachable()
    {
        var status = await new HealthWaiter(Http).ProbeAsync($"http://127.0.0.1:{FreePort()}", CancellationToken.None);

        Assert.Equal(HealthStatus.Unreachable, status);
    }

    [Fact]
    public async Task WaitUntilReadyAsync_ProcessAlreadyExited_ReturnsWithoutWaitingForTheTimeout()
    {
        var waiter = new HealthWaiter(Http);

        var status = await waiter.WaitUntilReadyAsync(
            $"http://127.0.0.1:{FreePort()}", Task.CompletedTask, TimeSpan.FromMinutes(10), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Unreachable, status);
    }

    [Fact]
    public async Task WaitUntilReadyAsync_CancelledWhileProbing_ReturnsUnreachableInsteadOfThrowing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var probed = new TaskCompletionSource();
        app.MapGet("/health", async (HttpContext context) =>
        {
            probed.TrySetResult();
            await Task.Delay(TimeSpan.FromMinutes(1), context.RequestAborted);
            return Results.Ok();
        });
        await app.StartAsync();
        using var stop = new CancellationTokenSource();

        var waiting = new HealthWaiter(Http).WaitUntilReadyAsync(app.Urls.Single(), new TaskCompletionSource().Task, TimeSpan.FromMinutes(10), stop.Token);
        await probed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        var status = await waiting.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Unreachable, status);
    }

    private static async Task<WebApplication> StartHealthServerAsync(int statusCode, string body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/health", (HttpContext context) =>
            Results.Text(body, body.StartsWith('{') ? "application/json" : "text/plain", statusCode: statusCode));
        await app.StartAsync();

        // The probe gives up after 5 s: a fresh server's first answer (JIT, first connection) took longer at a load
        // average of about 150 and read as Unreachable. Paid here, so the test is about the mapping only.
        using (await Http.GetAsync(app.Urls.Single() + "/health"))
        {
        }

        return app;
    }

    /// <summary>A port nothing listens on (TestSupport's: outside the ephemeral range, so no outgoing connection takes it).</summary>
    private static int FreePort() => LoopbackPorts.Reserve();
}
