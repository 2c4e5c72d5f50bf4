using Provisioner.GhlClient;

namespace Provisioner.SnapshotAdvisor.Library;

/// <summary>
/// Registered only when no other <see cref="IGhlTokenProvider"/> is: the agency tokens live in AuthService's vault and
/// it exposes no endpoint to other services yet. Every GHL call then fails with a clear, typed error (the sync API
/// answers 503 and records it) instead of the service failing to start or calling GHL without a token.
/// </summary>
public sealed class MissingGhlTokenProvider : IGhlTokenProvider
{
    public ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken) =>
        throw new GhlTokenUnavailableException(request.CompanyId ?? request.LocationId ?? "unknown");

    public ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken) =>
        throw new GhlTokenUnavailableException(request.CompanyId ?? request.LocationId ?? "unknown");
}
