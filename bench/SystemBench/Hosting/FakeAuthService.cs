using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Provisioner.TestSupport;

namespace Provisioner.Bench.SystemBench.Hosting;

/// <summary>
/// AuthService's <c>POST /api/auth/token</c> as the gateway calls it: any API key (<c>Authorization: Bearer pvk_…</c>)
/// is exchanged for a real ES256 JWT of one agency, signed by <see cref="TestTokens"/> (the key ProvisioningService is
/// configured to trust). The gateway caches the answer (TokenExchangeOptions:MaxAge), so in a measurement it is
/// called about once per 30 s: what is measured is the gateway's cached path, not AuthService's key lookup.
/// </summary>
internal sealed class FakeAuthService(WebApplication app, Uri address) : IAsyncDisposable
{
    private int exchanges;

    public Uri Address { get; } = address;

    public int Exchanges => Volatile.Read(ref exchanges);

    public static async Task<FakeAuthService> StartAsync(string agency)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeAuthService? self = null;
        app.MapPost("/api/auth/token", (HttpRequest request) =>
        {
            Interlocked.Increment(ref self!.exchanges);
            return request.Headers.Authorization.ToString().StartsWith("Bearer pvk_", StringComparison.Ordinal)
                ? Results.Json(new Dictionary<string, object>
                {
                    ["access_token"] = TestTokens.Issue(agency, "viewer"),
                    ["token_type"] = "Bearer",
                    ["expires_in"] = 300,
                })
                : Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
        });
        await app.StartAsync();
        self = new FakeAuthService(app, new Uri(app.Urls.First()));
        return self;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
