using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Provisioner.GhlClient.TokenProviders;

/// <summary>
/// <see cref="IGhlTokenProvider"/> for services other than AuthService: tokens come from AuthService's internal API
/// (<c>POST /internal/ghl/token</c>, <c>/internal/ghl/token/refresh</c>, header <c>X-Internal-Key</c>) and are cached
/// in memory per agency/location until <see cref="GhlTokenProviderOptions.RenewBefore"/> before they expire.
/// AuthService owns minting, refreshing and its own single flight; this side only avoids asking twice at once.
/// </summary>
/// <remarks>
/// Every failure surfaces as <see cref="GhlAgencyNotConnectedException"/>, <see cref="GhlApiException"/> or
/// <see cref="InvalidOperationException"/>, never as <see cref="HttpRequestException"/>: the GHL pipeline would read
/// that as "GHL did not answer" and, for a create, report an ambiguous create that never reached GHL.
/// </remarks>
public sealed class AuthServiceGhlTokenProvider(
    HttpClient http, GhlTokenCache cache, IOptions<GhlTokenProviderOptions> options, TimeProvider clock) : IGhlTokenProvider
{
    public const string HeaderName = "X-Internal-Key";
    private const string Operation = "authservice.token";

    public async ValueTask<string> GetTokenAsync(GhlTokenRequest request, CancellationToken cancellationToken)
    {
        var (agencyId, locationId) = Resolve(request);
        var key = GhlTokenCache.KeyFor(agencyId, locationId);
        if (cache.Get(key, ValidUntil()) is { } cached)
        {
            return cached;
        }

        // An empty "rejected" token: the first caller fetches, callers queued behind it get what it cached.
        return await cache.Gate.RefreshAsync(
            key,
            string.Empty,
            _ => ValueTask.FromResult(cache.Get(key, ValidUntil())),
            ct => FetchAsync(key, agencyId, "internal/ghl/token", new TokenRequest(agencyId, locationId), ct),
            cancellationToken);
    }

    public ValueTask<string> RefreshAsync(GhlTokenRequest request, string rejectedToken, CancellationToken cancellationToken)
    {
        var (agencyId, locationId) = Resolve(request);
        var key = GhlTokenCache.KeyFor(agencyId, locationId);

        // If the cache already holds a newer token than the rejected one, the gate returns it without asking.
        return cache.Gate.RefreshAsync(
            key,
            rejectedToken,
            _ => ValueTask.FromResult(cache.Get(key, ValidUntil())),
            ct => FetchAsync(key, agencyId, "internal/ghl/token/refresh", new RefreshRequest(agencyId, locationId, rejectedToken), ct),
            cancellationToken);
    }

    private static (string AgencyId, string? LocationId) Resolve(GhlTokenRequest request)
    {
        var agencyId = request.CompanyId ?? GhlAgencyScope.Current ?? throw new InvalidOperationException(
            $"No agency for the GHL token of location {request.LocationId}: the request names no companyId and no "
            + "GhlAgencyScope is open. Wrap the call in `using var _ = GhlAgencyScope.Begin(agencyId);`.");
        return (agencyId, request.Kind == GhlTokenKind.Location ? request.LocationId : null);
    }

    private DateTimeOffset ValidUntil() => clock.GetUtcNow() + options.Value.RenewBefore;

    private async ValueTask<string> FetchAsync<TBody>(string key, string agencyId, string path, TBody body, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            message.Headers.Add(HeaderName, options.Value.InternalKey);
            response = await http.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new GhlApiException(Operation, null, ["AuthService did not answer"], null, e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                var token = await ReadAsync<TokenResponse>(response, cancellationToken);
                if (token?.AccessToken is not { Length: > 0 })
                {
                    throw new GhlApiException(Operation, response.StatusCode, ["AuthService answered without a token"], null);
                }

                cache.Set(key, token.AccessToken, token.ExpiresAt);
                return token.AccessToken;
            }

            var problem = await ReadAsync<Problem>(response, cancellationToken);
            throw response.StatusCode switch
            {
                HttpStatusCode.Conflict => new GhlAgencyNotConnectedException(agencyId, problem?.State),
                HttpStatusCode.Unauthorized => new InvalidOperationException(
                    $"AuthService refused this service's internal key (401): {GhlTokenProviderOptions.SectionName}:InternalKey "
                    + "must equal one of AuthService's InternalApiOptions:Keys."),
                // AuthService's 503 (or 429) when GHL rate-limited the token call: its Retry-After travels with the
                // exception, so a caller that retries later (a step's next attempt) waits at least that long.
                // ServiceDefaults' retry in front of this client has already honoured it for its own attempts.
                _ => new GhlApiException(Operation, response.StatusCode, problem?.Detail is { } detail ? [detail] : [], null)
                {
                    RetryAfter = RetryAfter(response),
                },
            };
        }
    }

    /// <summary>The answer's <c>Retry-After</c> (seconds or a date); null when absent or already past.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var after = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return after > TimeSpan.Zero ? after : null;
    }

    /// <summary>Null when the body is not the expected JSON (an error page, an empty body).</summary>
    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private sealed record TokenRequest(string AgencyId, string? LocationId);

    private sealed record RefreshRequest(string AgencyId, string? LocationId, string RejectedToken)
    {
        public override string ToString() => $"RefreshRequest {{ AgencyId = {AgencyId}, LocationId = {LocationId} }}";
    }

    private sealed record TokenResponse(string? AccessToken, DateTimeOffset ExpiresAt, string? TokenType)
    {
        public override string ToString() => $"TokenResponse {{ TokenType = {TokenType}, ExpiresAt = {ExpiresAt:O} }}";
    }

    private sealed record Problem(string? Title, string? Detail, string? State);
}
