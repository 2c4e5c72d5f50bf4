namespace Provisioner.GhlClient;

/// <summary>
/// Supplies GHL access tokens to the client. Implemented by AuthService (the encrypted token vault); tests use fakes.
/// </summary>
public interface IGhlTokenProvider
{
    /// <summary>A currently valid access token for the agency or location (refreshed ahead of expiry if needed).</summary>
    ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Called once when GHL answered 401 to <paramref name="rejectedToken"/>. Refresh tokens are single-use, so an
    /// implementation refreshes only if its current token still equals <paramref name="rejectedToken"/> and otherwise
    /// returns the newer one; concurrent callers share one refresh (see <see cref="GhlTokenRefreshGate"/>).
    /// </summary>
    ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken);
}
