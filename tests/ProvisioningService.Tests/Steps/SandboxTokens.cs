using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;

namespace Provisioner.ProvisioningService.Tests.Steps;

/// <summary>
/// The test's <see cref="IGhlTokenProvider"/>, shaped like AuthService's vault: the agency pair from the OAuth flow,
/// location tokens minted from it with <c>/oauth/locationToken</c>. Tests run one call at a time, so no refresh gate.
/// </summary>
/// <remarks>The OAuth API is resolved lazily: its HttpClient pipeline needs this provider (a constructor cycle).</remarks>
internal sealed class SandboxTokens(IServiceProvider services) : IGhlTokenProvider
{
    private readonly ConcurrentDictionary<string, (string Access, string? Refresh)> _tokens = new();

    public string? CompanyId { get; private set; }

    public void StoreAgency(string companyId, string accessToken, string? refreshToken)
    {
        CompanyId = companyId;
        _tokens[GhlTokenRequest.Agency(companyId).ResourceKey] = (accessToken, refreshToken);
    }

    public async ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken) =>
        _tokens.TryGetValue(request.ResourceKey, out var held) ? held.Access
        : request.Kind == GhlTokenKind.Location ? await MintAsync(request, cancellationToken)
        : throw new InvalidOperationException($"No agency token for {request.CompanyId}.");

    public async ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken)
    {
        if (request.Kind == GhlTokenKind.Location)
        {
            return await MintAsync(request, cancellationToken);
        }

        var (_, refresh) = _tokens[request.ResourceKey];
        var response = await services.GetRequiredService<GhlOAuthApi>().RefreshTokenAsync(refresh!, GhlUserType.Company, cancellationToken);
        _tokens[request.ResourceKey] = (response.AccessToken!, response.RefreshToken);
        return response.AccessToken!;
    }

    private async Task<string> MintAsync(GhlTokenRequest request, CancellationToken cancellationToken)
    {
        var companyId = request.CompanyId ?? GhlAgencyScope.Current ?? CompanyId ?? throw new InvalidOperationException("No agency installed.");
        var response = await services.GetRequiredService<GhlOAuthApi>().GetLocationTokenAsync(companyId, request.LocationId!, cancellationToken);
        _tokens[request.ResourceKey] = (response.AccessToken!, null);
        return response.AccessToken!;
    }
}
