extern alias sandbox;

using System.Net.Http.Json;
using sandbox::Provisioner.GhlSandbox.Apis;
using sandbox::Provisioner.GhlSandbox.Diagnostics;

namespace Provisioner.GhlClient.Tests.EndToEnd;

/// <summary>
/// The sandbox's own admin API (<c>/_sandbox/</c>) over HTTP: what GHL would hold after our calls (state), what
/// reached it (journal), and the levers to break things (token revocation, fault rules). Reads with the sandbox's own
/// view records, so a renamed field breaks the build rather than silently reading null.
/// </summary>
internal sealed class SandboxAdmin(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    public async Task<SandboxView> GetStateAsync() =>
        await _http.GetFromJsonAsync<SandboxView>("/_sandbox/state") ?? throw new InvalidOperationException("Empty sandbox state.");

    /// <summary>Journal entries after <paramref name="afterSequence"/> whose path starts with <paramref name="pathPrefix"/>.</summary>
    public async Task<IReadOnlyList<JournalEntry>> GetJournalAsync(string? method = null, string? pathPrefix = null, long? afterSequence = null)
    {
        var query = new List<string> { "limit=1000" };
        if (method is not null)
        {
            query.Add($"method={Uri.EscapeDataString(method)}");
        }

        if (pathPrefix is not null)
        {
            query.Add($"path={Uri.EscapeDataString(pathPrefix)}");
        }

        if (afterSequence is not null)
        {
            query.Add($"after={afterSequence}");
        }

        return await _http.GetFromJsonAsync<List<JournalEntry>>("/_sandbox/journal?" + string.Join('&', query)) ?? [];
    }

    /// <summary>The sequence number of the latest journal entry (0 when empty): a marker for "requests from now on".</summary>
    public async Task<long> GetJournalMarkAsync()
    {
        var entries = await GetJournalAsync();
        return entries.Count == 0 ? 0 : entries.Max(e => e.Sequence);
    }

    /// <summary>Revokes every access and refresh token of a company or location.</summary>
    public async Task<int> RevokeTokensAsync(string resourceId)
    {
        using var response = await _http.PostAsJsonAsync("/_sandbox/faults/revoke-tokens", new RevokeRequest(resourceId));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RevokeResult>())!.Revoked;
    }

    public async Task AddFaultAsync(string method, string path, int status, int count)
    {
        using var response = await _http.PostAsJsonAsync("/_sandbox/faults", new { method, path, status, count });
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();
}
