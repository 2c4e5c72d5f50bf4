using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.AuthService.Ghl;
using Provisioner.AuthService.Internal;
using Provisioner.AuthService.Tokens;

namespace Provisioner.AuthService.Apis;

/// <summary>
/// GHL tokens for the other services (GhlClient's <c>AuthServiceGhlTokenProvider</c>). Not under <c>/api</c>, so the
/// gateway has no route to it (and refuses <c>/internal/**</c> outright); only the internal key is accepted.
/// </summary>
public static class InternalTokenApi
{
    public const int MaxIdLength = 64;

    /// <summary>The wait announced when GHL answered 429 without saying how long (its burst window is 10 s).</summary>
    private static readonly TimeSpan DefaultRateLimitWait = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapInternalTokenApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/internal/ghl").RequireAuthorization(InternalApiAuthentication.Policy);

        api.MapPost("/token", GetTokenAsync);
        api.MapPost("/token/refresh", RefreshTokenAsync);
        return app;
    }

    public static async Task<Results<Ok<InternalTokenResponse>, ValidationProblem, ProblemHttpResult>> GetTokenAsync(
        InternalTokenRequest? request, AgencyTokenService agencyTokens, LocationTokenService locationTokens, HttpResponse response,
        CancellationToken cancellationToken)
    {
        if (Validate(request?.AgencyId, request?.LocationId) is { } invalid)
        {
            return invalid;
        }

        return await IssueAsync(response, async () => request!.LocationId is { } locationId
            ? Location(await locationTokens.GetAccessTokenAsync(request.AgencyId!, locationId, cancellationToken))
            : Agency(await agencyTokens.GetAccessTokenAsync(request.AgencyId!, cancellationToken)));
    }

    public static async Task<Results<Ok<InternalTokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshTokenAsync(
        InternalTokenRefreshRequest? request, AgencyTokenService agencyTokens, LocationTokenService locationTokens,
        HttpResponse response, CancellationToken cancellationToken)
    {
        if (Validate(request?.AgencyId, request?.LocationId) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrEmpty(request!.RejectedToken))
        {
            return Problems.Field("rejectedToken", "rejectedToken (the access token GHL answered 401 to) is required.");
        }

        return await IssueAsync(response, async () => request!.LocationId is { } locationId
            ? Location(await locationTokens.RefreshAsync(request.AgencyId!, locationId, request.RejectedToken!, cancellationToken))
            : Agency(await agencyTokens.RefreshAsync(request.AgencyId!, request.RejectedToken!, cancellationToken)));
    }

    /// <summary>Maps the token services' failures to ProblemDetails; messages carry ids and statuses, never tokens.</summary>
    private static async Task<Results<Ok<InternalTokenResponse>, ValidationProblem, ProblemHttpResult>> IssueAsync(
        HttpResponse response, Func<Task<InternalTokenResponse>> issue)
    {
        try
        {
            return TypedResults.Ok(await issue());
        }
        catch (AgencyNotConnectedException e)
        {
            return TypedResults.Problem(
                title: "Agency not connected", detail: e.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["field"] = "agencyId", ["agencyId"] = e.AgencyId, ["state"] = e.State.ToString() });
        }
        catch (LocationNotAccessibleException e)
        {
            return TypedResults.Problem(
                title: e.NotFound ? "Location not found" : "Location not accessible", detail: e.Message,
                statusCode: e.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["field"] = "locationId", ["locationId"] = e.LocationId });
        }
        catch (GhlOAuthException e) when (e.IsRateLimited)
        {
            // GHL's rate limit is not a gateway failure: 503 with GHL's wait as Retry-After, so the caller (GhlClient's
            // AuthServiceGhlTokenProvider, through ServiceDefaults' retry which honours Retry-After) comes back after
            // GHL's interval instead of hammering a limited endpoint. Whole seconds, rounded up, at least 1.
            var wait = e.RetryAfter ?? DefaultRateLimitWait;
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                title: "GHL rate limited", detail: $"{e.Message} Retry after {seconds} s.", statusCode: StatusCodes.Status503ServiceUnavailable,
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
        }
        catch (GhlOAuthException e)
        {
            // GHL failed (5xx, network, unexpected answer): the caller may retry; the token state is unchanged.
            return TypedResults.Problem(title: "GHL unavailable", detail: e.Message, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static ValidationProblem? Validate(string? agencyId, string? locationId)
    {
        if (string.IsNullOrWhiteSpace(agencyId) || agencyId.Length > MaxIdLength)
        {
            return Problems.Field("agencyId", $"agencyId is required (1-{MaxIdLength} characters).");
        }

        if (locationId is not null && (string.IsNullOrWhiteSpace(locationId) || locationId.Length > MaxIdLength))
        {
            return Problems.Field("locationId", $"locationId must be null or 1-{MaxIdLength} characters.");
        }

        return null;
    }

    private static InternalTokenResponse Agency(AgencyAccessToken token) =>
        new(token.AccessToken, token.ExpiresAt, InternalTokenResponse.Agency);

    private static InternalTokenResponse Location(LocationAccessToken token) =>
        new(token.AccessToken, token.ExpiresAt, InternalTokenResponse.Location);
}
