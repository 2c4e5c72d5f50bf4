using System.Collections.Concurrent;

namespace Provisioner.GhlClient.TokenProviders;

/// <summary>
/// The process-wide cache behind <see cref="AuthServiceGhlTokenProvider"/> (a typed HttpClient, so transient): tokens
/// by agency and location, plus the gate that makes fetches and refreshes single-flight per key.
/// </summary>
public sealed class GhlTokenCache
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public GhlTokenRefreshGate Gate { get; } = new();

    /// <summary>The key includes the agency even for a location, so two agencies never share an entry.</summary>
    public static string KeyFor(string agencyId, string? locationId) =>
        locationId is null ? $"agency:{agencyId}" : $"location:{agencyId}:{locationId}";

    /// <summary>The cached token if it is still valid at <paramref name="validUntil"/>, else null.</summary>
    public string? Get(string key, DateTimeOffset validUntil) =>
        entries.TryGetValue(key, out var entry) && entry.ExpiresAt > validUntil ? entry.AccessToken : null;

    public void Set(string key, string accessToken, DateTimeOffset expiresAt) => entries[key] = new Entry(accessToken, expiresAt);

    private sealed record Entry(string AccessToken, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => $"Entry {{ ExpiresAt = {ExpiresAt:O} }}";
    }
}
