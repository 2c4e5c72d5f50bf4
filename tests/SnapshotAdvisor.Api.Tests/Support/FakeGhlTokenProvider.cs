using Provisioner.GhlClient;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

/// <summary>
/// Hands out a fixed agency token (the fake GHL does not check it), except for agencies whose id starts with
/// <see cref="NotConnectedPrefix"/>: for those it fails as the service's AuthService-backed provider does when
/// AuthService answers 409 (the agency was disconnected or must reconnect).
/// </summary>
internal sealed class FakeGhlTokenProvider : IGhlTokenProvider
{
    public const string NotConnectedPrefix = "not-connected-";

    public ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken) =>
        request.CompanyId?.StartsWith(NotConnectedPrefix, StringComparison.Ordinal) == true
            ? throw new GhlAgencyNotConnectedException(request.CompanyId, "NeedsReconnect")
            : ValueTask.FromResult($"token-{request.CompanyId}");

    public ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken) =>
        ValueTask.FromResult($"token-{request.CompanyId}-refreshed");
}
