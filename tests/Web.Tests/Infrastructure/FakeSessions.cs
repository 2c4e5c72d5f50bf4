using System.Collections.Concurrent;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>A signed-in user the fake AuthService knows: its cookie value, agency (unique per session) and role.</summary>
public sealed record FakeSession(string Cookie, string AgencyId, string AgencyName, string Role)
{
    public string ConnectionState { get; set; } = "Connected";

    public string Token => $"fake-jwt-{Cookie}";

    public int Disconnects { get; set; }

    /// <summary>The agency's API keys as the fake lists them (id, name, role, revoked at).</summary>
    public List<FakeApiKey> ApiKeys { get; } = [];
}

public sealed class FakeApiKey(Guid id, string name, string role)
{
    public Guid Id { get; } = id;
    public string Name { get; } = name;
    public string Role { get; } = role;
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>The sessions shared by the fake AuthService (cookie → user) and the fake ProvisioningService (JWT → user).</summary>
public sealed class FakeSessions
{
    private readonly ConcurrentDictionary<string, FakeSession> _byCookie = new();

    /// <summary>A new user in a new agency, so tests never see each other's jobs.</summary>
    public FakeSession Add(string role, string connectionState = "Connected")
    {
        var id = Guid.NewGuid().ToString("N");
        var session = new FakeSession($"session-{id}", $"agency-{id[..12]}", $"Agency {id[..6]}", role) { ConnectionState = connectionState };
        _byCookie[session.Cookie] = session;
        return session;
    }

    public FakeSession? ByCookieHeader(string? header)
    {
        foreach (var part in (header ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && pair[0] == "provisioner.session" && _byCookie.TryGetValue(Uri.UnescapeDataString(pair[1]), out var s))
            {
                return s;
            }
        }

        return null;
    }

    public FakeSession? ByAuthorization(string? header) =>
        header is { } h && h.StartsWith("Bearer fake-jwt-", StringComparison.Ordinal)
            && _byCookie.TryGetValue(h["Bearer fake-jwt-".Length..], out var s) ? s : null;
}
