using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// A stand-in backend on a real Kestrel socket (127.0.0.1, free port) whose <c>/health</c> answers what the test
/// says, in ServiceDefaults' <see cref="HealthResponse"/> shape, or a raw body when the test needs one.
/// </summary>
public sealed class FakeHealthService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHealthService(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static Task<FakeHealthService> ReportingAsync(int statusCode, HealthResponse report) =>
        StartAsync(async context =>
        {
            context.Response.StatusCode = statusCode;
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, report, HealthJson.Options);
        });

    public static Task<FakeHealthService> StartAsync(RequestDelegate health)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet(HealthEndpoints.HealthPath, health);
        return StartedAsync(app);
    }

    public static HealthResponse Report(string status, params (string Name, string Status, string? Description)[] entries) =>
        new(status, 3, entries.ToDictionary(e => e.Name, e => new HealthEntry(e.Status, e.Description, 1.5)));

    private static async Task<FakeHealthService> StartedAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        return new FakeHealthService(app, new Uri(address));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
