using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Provisioner.Gateway.Tests.Support;

/// <summary>
/// AuthService's <c>POST /api/auth/token</c> as the gateway sees it: an API key (<c>Authorization: Bearer …</c>) or
/// the session cookie (the whole Cookie header) is a credential; each call issues a new JWT-shaped token for it unless
/// the test revoked it. Counts exchanges, and can hold them at a gate or answer a fixed status instead.
/// </summary>
public sealed class FakeTokenEndpoint
{
    public const string Path = "/api/auth/token";

    private readonly ConcurrentDictionary<string, string> issued = new();
    private readonly ConcurrentDictionary<string, bool> revoked = new();
    private int exchanges;

    /// <summary>Calls that reached the endpoint, issued or not.</summary>
    public int Exchanges => Volatile.Read(ref exchanges);

    /// <summary>The token's <c>expires_in</c>, seconds.</summary>
    public int LifetimeSeconds { get; set; } = 300;

    /// <summary>When set, every call answers this status (e.g. 500) without a token.</summary>
    public int? FailWithStatus { get; set; }

    /// <summary>When set, every call waits until the caller gives up.</summary>
    public bool Hang { get; set; }

    /// <summary>The last token issued for <paramref name="credential"/> (an API key, or the Cookie header sent).</summary>
    public string? IssuedFor(string credential) => issued.GetValueOrDefault(credential);

    public void Revoke(string credential) => revoked[credential] = true;

    internal async Task<IResult> IssueAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref exchanges);
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        if (FailWithStatus is { } status)
        {
            return Results.StatusCode(status);
        }

        var authorization = request.Headers.Authorization.ToString();
        var credential = authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            ? authorization["Bearer ".Length..]
            : request.Headers.Cookie.ToString();
        if (credential.Length == 0 || revoked.ContainsKey(credential))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
        }

        var token = $"eyJhbGciOiJFUzI1NiJ9.{Guid.NewGuid():N}.c2lnbmF0dXJl";
        issued[credential] = token;
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = LifetimeSeconds,
        });
    }
}
