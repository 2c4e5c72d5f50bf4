using System.Collections.Concurrent;

namespace Provisioner.Reliability.Tests.Security;

/// <summary>
/// Every secret value a security run used, by kind ("GHL access token", "API key", "session cookie", …), collected
/// where the run saw it: GHL's answers (through <see cref="GhlTap"/>), AuthService's answers, the test's own keys.
/// </summary>
internal sealed class SecretLedger
{
    // Shorter values (ids, "app") would match by accident; every real secret here is far longer.
    private const int MinimumLength = 12;

    private readonly ConcurrentDictionary<string, string> _kinds = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> ByValue => _kinds;

    public void Add(string kind, string? value)
    {
        var trimmed = value?.Trim();
        if (trimmed is { Length: >= MinimumLength })
        {
            _kinds.TryAdd(trimmed, kind);
        }
    }

    public int Count(string kind) => _kinds.Values.Count(k => k == kind);

    public IEnumerable<string> Kinds => _kinds.Values.Distinct().Order(StringComparer.Ordinal);
}
