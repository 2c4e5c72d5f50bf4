using System.Net.Http.Json;

namespace Provisioner.Reliability.Tests;

/// <summary>The sandbox's admin API: its state, its request journal, fault rules and token revocation.</summary>
internal sealed partial class ScaleOutWorld
{
    public async Task<SandboxState> SandboxStateAsync() =>
        await _http.GetFromJsonAsync<SandboxState>(new Uri(SandboxUrl, "/_sandbox/state"))
        ?? throw new InvalidOperationException("Empty sandbox state.");

    /// <summary>The sandbox's request journal entries after <paramref name="after"/> (all pages).</summary>
    public async Task<IReadOnlyList<SandboxJournalEntry>> JournalAsync(long after = 0)
    {
        var entries = new List<SandboxJournalEntry>();
        while (true)
        {
            var page = await _http.GetFromJsonAsync<List<SandboxJournalEntry>>(
                new Uri(SandboxUrl, $"/_sandbox/journal?after={after}&limit=5000")) ?? [];
            entries.AddRange(page);
            if (page.Count == 0 || page.Count < 5000)
            {
                return entries;
            }

            after = page.Max(e => e.Sequence);
        }
    }

    /// <summary>Replaces the sandbox's fault rules by <paramref name="rules"/>, in order (the first match wins).</summary>
    public async Task SetFaultsAsync(IEnumerable<object> rules)
    {
        using (var clear = await _http.DeleteAsync(new Uri(SandboxUrl, "/_sandbox/faults")))
        {
            clear.EnsureSuccessStatusCode();
        }

        foreach (var rule in rules)
        {
            using var added = await _http.PostAsJsonAsync(new Uri(SandboxUrl, "/_sandbox/faults"), rule);
            Assert.True(added.IsSuccessStatusCode, $"fault rule refused: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Revokes every token (access and refresh, agency and location) of a company in the sandbox.</summary>
    public async Task<int> RevokeTokensAsync(string companyId)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(SandboxUrl, "/_sandbox/faults/revoke-tokens"), new { resourceId = companyId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RevokeAnswer>())!.Revoked;
    }

    private sealed record RevokeAnswer(int Revoked);
}

/// <summary>One entry of GhlSandbox's <c>GET /_sandbox/journal</c> (no bodies, tokens or secrets).</summary>
internal sealed record SandboxJournalEntry(
    long Sequence, DateTimeOffset Time, string Method, string Path, int Status, double DurationMs,
    string? TokenType, string? CompanyId, string? LocationId, string? Fault);
