using System.Text.Json.Serialization;

namespace Provisioner.AuthService.Ghl;

/// <summary>
/// The parts of GHL's <c>GetLocationAccessTokenSuccessfulResponseDto</c> AuthService uses. <c>refresh_token</c> is in
/// the v3 schema only (GHL brief §2.4); it is kept when present, but a location token is re-minted, never refreshed.
/// </summary>
public sealed record GhlLocationTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] double? ExpiresIn,
    [property: JsonPropertyName("locationId")] string? LocationId)
{
    /// <summary>Never print the tokens, whatever logs or exceptions do with this record.</summary>
    public override string ToString() => $"GhlLocationTokenResponse {{ LocationId = {LocationId}, ExpiresIn = {ExpiresIn} }}";
}
