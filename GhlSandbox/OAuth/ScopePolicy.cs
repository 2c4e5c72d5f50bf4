using Provisioner.GhlSandbox.Options;

namespace Provisioner.GhlSandbox.OAuth;

/// <summary>Which scopes an authorization may grant: only those configured on the app, never internal ones.</summary>
public static class ScopePolicy
{
    /// <summary>GHL's consent screen message when the requested scopes are not configured on the app.</summary>
    public const string CannotBeAdded = "This integration cannot be added, please contact the developer!";

    public static string[]? Grant(string? requested, GhlSandboxOptions options)
    {
        var configured = Split(options.Scopes);
        var wanted = string.IsNullOrWhiteSpace(requested) ? configured : Split(requested);
        var allowed = wanted.All(s => configured.Contains(s) && (options.AllowInternalScopes || !IsInternal(s)));
        return allowed ? wanted : null;
    }

    public static bool IsInternal(string scope) => scope.Contains("internal-access-only", StringComparison.Ordinal);

    private static string[] Split(string scopes) =>
        [.. scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}
