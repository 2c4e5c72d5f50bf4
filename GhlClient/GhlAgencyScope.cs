namespace Provisioner.GhlClient;

/// <summary>
/// The agency (GHL companyId) the current async flow works for. Some operations name only a location
/// (<c>GhlTokenRequest.Location(locationId)</c>, e.g. custom values); a token provider that mints location tokens from
/// the agency's token reads the agency from here: <c>using var _ = GhlAgencyScope.Begin(agencyId);</c>.
/// </summary>
public static class GhlAgencyScope
{
    private static readonly AsyncLocal<string?> CurrentAgency = new();

    /// <summary>The agency of the innermost open scope in this async flow, or null.</summary>
    public static string? Current => CurrentAgency.Value;

    /// <summary>Opens a scope; disposing it restores the outer one (scopes nest).</summary>
    public static IDisposable Begin(string agencyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(agencyId);
        var outer = CurrentAgency.Value;
        CurrentAgency.Value = agencyId;
        return new Scope(outer);
    }

    private sealed class Scope(string? outer) : IDisposable
    {
        private bool disposed;

        public void Dispose()
        {
            if (!disposed)
            {
                disposed = true;
                CurrentAgency.Value = outer;
            }
        }
    }
}
