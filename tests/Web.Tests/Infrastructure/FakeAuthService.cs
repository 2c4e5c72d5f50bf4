using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// AuthService as the portal uses it: healthy <c>/health</c>; <c>/api/auth/me</c>, <c>/token</c>, <c>/disconnect</c>
/// answering for the session cookie of a <see cref="FakeSessions"/> user, 401 for any other. Counts token exchanges.
/// </summary>
public sealed class FakeAuthService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _exchanges;

    private FakeAuthService(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public int TokenExchanges => Volatile.Read(ref _exchanges);

    public static async Task<FakeAuthService> StartAsync(FakeSessions sessions)
    {
        FakeAuthService? self = null;
        var (app, address) = await FakeServiceHost.StartAsync(app =>
        {
            app.MapGet(HealthEndpoints.HealthPath, () => Results.Json(
                FakeHealthService.Report("Healthy", ("self", "Healthy", null)), HealthJson.Options));
            var api = app.MapGroup("/api/auth");
            api.MapGet("/me", (HttpRequest request) => sessions.ByCookieHeader(request.Headers.Cookie) is { } s
                ? Results.Json(new
                {
                    user = new { id = Guid.NewGuid(), ghlUserId = "ghl-user-1", name = "Pat Tester" },
                    agency = new
                    {
                        id = s.AgencyId, name = s.AgencyName, connectionState = s.ConnectionState,
                        scopes = new[] { "locations.write", "users.write" },
                        tokenExpiresAt = s.ConnectionState == "Disconnected" ? (DateTimeOffset?)null : new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero),
                        lastRefreshedAt = new DateTimeOffset(2030, 1, 1, 3, 4, 5, TimeSpan.Zero),
                    },
                    role = s.Role,
                    authenticatedBy = "session",
                })
                : Results.Unauthorized());
            api.MapPost("/token", (HttpRequest request) =>
            {
                Interlocked.Increment(ref self!._exchanges);
                return sessions.ByCookieHeader(request.Headers.Cookie) is { } s
                    ? Results.Json(new Dictionary<string, object> { ["access_token"] = s.Token, ["token_type"] = "Bearer", ["expires_in"] = 300 })
                    : Results.Unauthorized();
            });
            api.MapPost("/disconnect", (HttpRequest request) =>
            {
                if (sessions.ByCookieHeader(request.Headers.Cookie) is not { } s)
                {
                    return Results.Unauthorized();
                }

                if (s.Role != "admin")
                {
                    return Results.Problem(statusCode: 403, title: "Forbidden");
                }

                s.ConnectionState = "Disconnected";
                s.Disconnects++;
                return Results.NoContent();
            });
            api.MapGet("/api-keys", (HttpRequest request) => sessions.ByCookieHeader(request.Headers.Cookie) is { } s
                ? Results.Json(s.ApiKeys.Select(k => new
                {
                    id = k.Id, name = k.Name, prefix = "pvk_abcd", role = k.Role, createdBy = "user:someone",
                    createdAt = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), revokedAt = k.RevokedAt, lastUsedAt = (DateTimeOffset?)null,
                }))
                : Results.Unauthorized());
            api.MapPost("/api-keys", async (HttpRequest request) =>
            {
                if (sessions.ByCookieHeader(request.Headers.Cookie) is not { } s)
                {
                    return Results.Unauthorized();
                }

                using var body = await JsonDocument.ParseAsync(request.Body);
                var name = body.RootElement.GetProperty("name").GetString();
                if (string.IsNullOrWhiteSpace(name))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["Name is required, at most 100 characters."] });
                }

                var key = new FakeApiKey(Guid.NewGuid(), name, body.RootElement.GetProperty("role").GetString()!);
                s.ApiKeys.Add(key);
                return Results.Json(new { id = key.Id, key = $"pvk_secret_{key.Id:N}", name, prefix = "pvk_abcd", role = key.Role }, statusCode: 201);
            });
            api.MapDelete("/api-keys/{id:guid}", (HttpRequest request, Guid id) =>
            {
                if (sessions.ByCookieHeader(request.Headers.Cookie) is not { } s)
                {
                    return Results.Unauthorized();
                }

                s.ApiKeys.Single(k => k.Id == id).RevokedAt ??= DateTimeOffset.UtcNow;
                return Results.NoContent();
            });
        });
        self = new FakeAuthService(app, address);
        return self;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
