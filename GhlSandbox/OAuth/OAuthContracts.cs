using System.Text.Json.Serialization;

namespace Provisioner.GhlSandbox.OAuth;

/// <summary>oauth.json GetAccessCodeSuccessfulResponseDto.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    string Scope,
    string UserType,
    string CompanyId,
    string? LocationId,
    string UserId,
    string[]? ApprovedLocations,
    bool? IsBulkInstallation,
    bool? InstallToFutureLocations,
    bool? ApproveAllLocations);

/// <summary>oauth.json GetLocationAccessTokenSuccessfulResponseDto, plus refresh_token as the v3 spec added.</summary>
public sealed record LocationTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    string Scope,
    string UserType,
    string CompanyId,
    string LocationId,
    string UserId,
    string AppId);

/// <summary>oauth.json GetInstalledLocationsSuccessfulResponseDto.</summary>
public sealed record InstalledLocationsResponse(IReadOnlyList<InstalledLocation> Locations, int Count, bool InstallToFutureLocations);

public sealed record InstalledLocation(
    [property: JsonPropertyName("_id")] string Id,
    string Name,
    string Address,
    bool IsInstalled,
    string? InstalledAt);
