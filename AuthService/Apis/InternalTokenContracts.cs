namespace Provisioner.AuthService.Apis;

/// <summary><c>POST /internal/ghl/token</c>: the agency's token, or with <see cref="LocationId"/> that location's.</summary>
public sealed record InternalTokenRequest(string? AgencyId, string? LocationId);

/// <summary><c>POST /internal/ghl/token/refresh</c>: GHL answered 401 to <see cref="RejectedToken"/>.</summary>
public sealed record InternalTokenRefreshRequest(string? AgencyId, string? LocationId, string? RejectedToken)
{
    public override string ToString() => $"InternalTokenRefreshRequest {{ AgencyId = {AgencyId}, LocationId = {LocationId} }}";
}

/// <summary>A GHL access token for another service. <see cref="TokenType"/> is <c>agency</c> or <c>location</c>.</summary>
public sealed record InternalTokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string TokenType)
{
    public const string Agency = "agency";
    public const string Location = "location";

    public override string ToString() => $"InternalTokenResponse {{ TokenType = {TokenType}, ExpiresAt = {ExpiresAt:O} }}";
}
