using System.Collections.Concurrent;
using System.Net;
using System.Net.ServerSentEvents;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.ServiceDefaults;
using Provisioner.ServiceDefaults.Correlation;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Gateway.Tests.Support;

public enum BackendHealth
{
    Healthy,
    Unhealthy,
    Hanging,
}

/// <summary>What a fake backend saw: which service answered, and the request as it arrived there.</summary>
public sealed record EchoResponse(
    string Service, string Method, string PathAndQuery, string? CorrelationId, string? Authorization, string? ApiKey, string? Cookie);

/// <summary>
/// A small real Kestrel app on a free loopback port standing in for one service: it echoes every request with its
/// name, answers /health as configured, streams gated SSE events and echoes WebSocket messages, and counts what
/// reached it. As <c>auth</c> it also plays AuthService's token endpoint (see <see cref="FakeTokenEndpoint"/>).
/// </summary>
public sealed class FakeBackend : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> acks = new();
    private readonly ConcurrentDictionary<string, string> authorizationSeen = new();
    private int requests;
    private int probeHits;
    private bool disposed;

    private FakeBackend(string name)
    {
        Name = name;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.UseWebSockets();
        app.Use(CountAsync);
        app.MapGet(HealthEndpoints.HealthPath, HealthAsync);
        app.MapGet(HealthEndpoints.AlivePath, () => Results.Ok());
        if (name == ResourceNames.Auth)
        {
            app.MapPost(FakeTokenEndpoint.Path, Tokens.IssueAsync);
        }

        app.MapGet("/api/jobs/{id}/events", (string id, CancellationToken ct) =>
            TypedResults.ServerSentEvents(GatedEventsAsync(id, ct)));
        app.Map("/{**path}", (HttpContext context) => Results.Json(new EchoResponse(
            Name,
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers[CorrelationId.HeaderName].FirstOrDefault(),
            context.Request.Headers.Authorization.FirstOrDefault(),
            context.Request.Headers["X-Api-Key"].FirstOrDefault(),
            context.Request.Headers.Cookie.FirstOrDefault())));
    }

    public string Name { get; }

    /// <summary>AuthService's <c>POST /api/auth/token</c>, served only by the <c>auth</c> backend.</summary>
    public FakeTokenEndpoint Tokens { get; } = new();

    public Uri Address { get; private set; } = null!;

    public BackendHealth Health { get; set; } = BackendHealth.Healthy;

    /// <summary>Requests of any kind that reached this backend.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Requests that reached this backend's own /health or /alive.</summary>
    public int ProbeHits => Volatile.Read(ref probeHits);

    public static async Task<FakeBackend> StartAsync(string name)
    {
        var backend = new FakeBackend(name);
        await backend.app.StartAsync();
        var address = backend.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        backend.Address = new Uri(address);
        return backend;
    }

    /// <summary>The Authorization header of the last request to <paramref name="path"/>: empty if it had none, null if never called.</summary>
    public string? AuthorizationSeenAt(string path) => authorizationSeen.GetValueOrDefault(path);

    /// <summary>Lets the SSE stream of <paramref name="streamId"/> send its next event.</summary>
    public void Acknowledge(string streamId) => Gate(streamId).Release();

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private SemaphoreSlim Gate(string streamId) => acks.GetOrAdd(streamId, _ => new SemaphoreSlim(0));

    private async Task CountAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref requests);
        authorizationSeen[context.Request.Path.Value ?? string.Empty] = context.Request.Headers.Authorization.ToString();
        if (HealthEndpoints.IsProbe(context.Request.Path))
        {
            Interlocked.Increment(ref probeHits);
        }

        if (context.WebSockets.IsWebSocketRequest)
        {
            await EchoWebSocketAsync(context);
            return;
        }

        await next(context);
    }

    private async Task<IResult> HealthAsync(CancellationToken cancellationToken)
    {
        switch (Health)
        {
            case BackendHealth.Hanging:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
            case BackendHealth.Unhealthy:
                return Results.Json(
                    new HealthResponse("Unhealthy", 1, new Dictionary<string, HealthEntry>
                    {
                        ["self"] = new("Healthy", null, 0),
                        ["db"] = new("Unhealthy", "connection refused", 1),
                    }),
                    HealthJson.Options,
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            default:
                return Results.Json(
                    new HealthResponse("Healthy", 1, new Dictionary<string, HealthEntry> { ["self"] = new("Healthy", null, 0) }),
                    HealthJson.Options);
        }
    }

    /// <summary>Sends event n, then waits for the test to acknowledge it before sending n + 1.</summary>
    private async IAsyncEnumerable<SseItem<string>> GatedEventsAsync(string id, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var i = 1; i <= 3; i++)
        {
            yield return new SseItem<string>($"event {i}", "progress");
            await Gate(id).WaitAsync(ct);
        }
    }

    private async Task EchoWebSocketAsync(HttpContext context)
    {
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var buffer = new byte[1024];
        var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
        var reply = Encoding.UTF8.GetBytes($"{Name}{context.Request.Path}:{Encoding.UTF8.GetString(buffer, 0, received.Count)}");
        await socket.SendAsync(reply, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", context.RequestAborted);
    }
}
