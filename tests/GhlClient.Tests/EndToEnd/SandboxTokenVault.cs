using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.GhlClient.Apis;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Tests.EndToEnd;

/// <summary>
/// An in-memory <see cref="IGhlTokenProvider"/> shaped like AuthService's vault: it holds the agency (Company) pair
/// from the OAuth flow, mints location tokens from it on first use and caches them, and on a 401 refreshes the agency
/// pair once (refresh tokens are single-use, so the new pair replaces the old before anyone else reads it).
/// </summary>
/// <remarks>
/// Resolves <see cref="GhlOAuthApi"/> lazily: the API's HttpClient pipeline contains the authentication handler,
/// which needs this provider, so a constructor dependency would be a cycle.
/// </remarks>
internal sealed class SandboxTokenVault(IServiceProvider services) : IGhlTokenProvider
{
    private readonly ConcurrentDictionary<string, TokenPair> _tokens = new();
    private readonly GhlTokenRefreshGate _gate = new();
    private int _agencyRefreshes;
    private int _locationMints;

    public int AgencyRefreshes => Volatile.Read(ref _agencyRefreshes);

    public int LocationMints => Volatile.Read(ref _locationMints);

    /// <summary>The agency whose pair is held; location requests without a company id belong to it.</summary>
    public string? CompanyId { get; private set; }

    /// <summary>Stores the pair returned by the authorization-code exchange.</summary>
    public void StoreAgency(GhlTokenResponse response)
    {
        var companyId = response.CompanyId ?? throw new InvalidOperationException("The token response names no companyId.");
        _tokens[GhlTokenRequest.Agency(companyId).ResourceKey] = TokenPair.From(response.AccessToken, response.RefreshToken);
        CompanyId = companyId;
    }

    /// <summary>The access token currently held for a resource, or null.</summary>
    public string? Current(GhlTokenRequest request) => _tokens.TryGetValue(request.ResourceKey, out var pair) ? pair.AccessToken : null;

    /// <summary>The agency refresh token currently held, or null.</summary>
    public string? CurrentAgencyRefreshToken() =>
        CompanyId is not null && _tokens.TryGetValue(GhlTokenRequest.Agency(CompanyId).ResourceKey, out var pair) ? pair.RefreshToken : null;

    public async ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken)
    {
        if (Current(request) is { } token)
        {
            return token;
        }

        if (request.Kind == GhlTokenKind.Agency)
        {
            throw new InvalidOperationException($"No agency token for {request.CompanyId}: the OAuth flow has not run.");
        }

        // The gate with an empty "rejected" token: the first caller mints, concurrent callers get its token.
        return await _gate.RefreshAsync(
            request.ResourceKey, string.Empty, _ => ValueTask.FromResult(Current(request)), ct => MintLocationTokenAsync(request, ct), cancellationToken);
    }

    public ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken) =>
        _gate.RefreshAsync(
            request.ResourceKey,
            rejectedToken,
            _ => ValueTask.FromResult(Current(request)),
            ct => request.Kind == GhlTokenKind.Agency ? RefreshAgencyAsync(request, ct) : MintLocationTokenAsync(request, ct),
            cancellationToken);

    private async ValueTask<string> RefreshAgencyAsync(GhlTokenRequest request, CancellationToken cancellationToken)
    {
        var refreshToken = _tokens.TryGetValue(request.ResourceKey, out var pair) && pair.RefreshToken is { } held
            ? held
            : throw new InvalidOperationException($"No refresh token for {request.CompanyId}.");
        Interlocked.Increment(ref _agencyRefreshes);
        var response = await services.GetRequiredService<GhlOAuthApi>().RefreshTokenAsync(refreshToken, GhlUserType.Company, cancellationToken);

        // Stored before use: the old refresh token is already spent.
        var fresh = TokenPair.From(response.AccessToken, response.RefreshToken);
        _tokens[request.ResourceKey] = fresh;
        return fresh.AccessToken;
    }

    // A location token is always minted from the agency token rather than refreshed: it needs no second refresh chain.
    private async ValueTask<string> MintLocationTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken)
    {
        var companyId = request.CompanyId ?? CompanyId ?? throw new InvalidOperationException("No agency to mint a location token from.");
        Interlocked.Increment(ref _locationMints);
        var response = await services.GetRequiredService<GhlOAuthApi>().GetLocationTokenAsync(companyId, request.LocationId!, cancellationToken);
        var pair = TokenPair.From(response.AccessToken, response.RefreshToken);
        _tokens[request.ResourceKey] = pair;
        return pair.AccessToken;
    }

    private sealed record TokenPair(string AccessToken, string? RefreshToken)
    {
        public static TokenPair From(string? accessToken, string? refreshToken) =>
            new(accessToken ?? throw new InvalidOperationException("The token response has no access_token."), refreshToken);

        // Secrets: a record printed in an assertion message must not carry them.
        public override string ToString() => nameof(TokenPair);
    }
}
