using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.GhlClient;
using Provisioner.GhlClient.Apis;

namespace Provisioner.Bench.SystemBench.Hosting;

/// <summary>
/// The benchmark's <see cref="IGhlTokenProvider"/>, shaped like AuthService's vault (the pattern of the end-to-end
/// tests' provider): each agency's pair from the OAuth flow, location tokens minted once each with
/// <c>/oauth/locationToken</c> and then cached, as AuthService caches them. AuthService's own HTTP hop is not part of
/// what is measured.
/// </summary>
/// <remarks>The OAuth API is resolved lazily: its HttpClient pipeline needs this provider (a constructor cycle).</remarks>
internal sealed class BenchGhlTokens(IServiceProvider services) : IGhlTokenProvider
{
    private readonly ConcurrentDictionary<string, (string Access, string? Refresh)> tokens = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> mints = new();

    public void StoreAgency(string companyId, string accessToken, string? refreshToken) =>
        tokens[GhlTokenRequest.Agency(companyId).ResourceKey] = (accessToken, refreshToken);

    public async ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken) =>
        tokens.TryGetValue(request.ResourceKey, out var held) ? held.Access
        : request.Kind == GhlTokenKind.Location ? await mints.GetOrAdd(request.ResourceKey, _ => new(() => MintAsync(request))).Value
        : throw new InvalidOperationException($"No agency token for {request.CompanyId}.");

    public async ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken)
    {
        if (request.Kind == GhlTokenKind.Location)
        {
            mints.TryRemove(request.ResourceKey, out _);
            tokens.TryRemove(request.ResourceKey, out _);
            return await GetTokenAsync(request, cancellationToken);
        }

        var (_, refresh) = tokens[request.ResourceKey];
        var response = await services.GetRequiredService<GhlOAuthApi>().RefreshTokenAsync(refresh!, GhlUserType.Company, cancellationToken);
        tokens[request.ResourceKey] = (response.AccessToken!, response.RefreshToken);
        return response.AccessToken!;
    }

    private async Task<string> MintAsync(GhlTokenRequest request)
    {
        var companyId = request.CompanyId ?? GhlAgencyScope.Current ?? throw new InvalidOperationException("No agency for a location token.");
        var response = await services.GetRequiredService<GhlOAuthApi>().GetLocationTokenAsync(companyId, request.LocationId!, CancellationToken.None);
        tokens[request.ResourceKey] = (response.AccessToken!, null);
        return response.AccessToken!;
    }
}
