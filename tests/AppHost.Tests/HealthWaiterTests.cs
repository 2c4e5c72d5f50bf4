using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Provisioner.AppHost.Processes;

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
        return app;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
