using Provisioner.GhlClient;
using Provisioner.SnapshotAdvisor.Library;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

/// <summary>
/// Hands out a fixed agency token (the fake GHL does not check it), except for agencies whose id starts with
/// <see cref="NoTokenPrefix"/>: those behave as if no token source were wired.
/// </summary>
internal sealed class FakeGhlTokenProvider : IGhlTokenProvider
{
    public const string NoTokenPrefix = "no-token-";

    public ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken) =>
        request.CompanyId?.StartsWith(NoTokenPrefix, StringComparison.Ordinal) == true
            ? new MissingGhlTokenProvider().GetTokenAsync(request, cancellationToken)
            : ValueTask.FromResult($"token-{request.CompanyId}");

    public ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken) =>
        ValueTask.FromResult($"token-{request.CompanyId}-refreshed");
}
