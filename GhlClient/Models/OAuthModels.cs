using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Models;

// Hand-written from the vendored OpenAPI specs (specs/ghl/apps), one record per component schema; the contract tests
// in tests/GhlClient.Tests check every field against the spec.

/// <summary>oauth.json › GetAccessCodeSuccessfulResponseDto.</summary>
public sealed record GhlTokenResponse
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("token_type")] public string? TokenType { get; init; }
    [JsonPropertyName("expires_in")] public long? ExpiresIn { get; init; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }
    public string? Scope { get; init; }
    public string? UserType { get; init; }
    public string? LocationId { get; init; }
    public string? CompanyId { get; init; }
    public IReadOnlyList<string>? ApprovedLocations { get; init; }
    public string? UserId { get; init; }
    public string? PlanId { get; init; }
    public bool? IsBulkInstallation { get; init; }
    public bool? InstallToFutureLocations { get; init; }
    public bool? ApproveAllLocations { get; init; }

    /// <summary>Tokens are secrets: a logged or traced record must not carry them.</summary>
    public override string ToString() =>
        $"{nameof(GhlTokenResponse)} {{ UserType = {UserType}, CompanyId = {CompanyId}, LocationId = {LocationId}, " +
        $"ExpiresIn = {ExpiresIn}, Scope = {Scope}, AccessToken = {Redaction.Mask(AccessToken)}, RefreshToken = {Redaction.Mask(RefreshToken)} }}";
}

/// <summary>oauth.json › GetLocationAccessTokenSuccessfulResponseDto.</summary>
public sealed record GhlLocationTokenResponse
{
    [JsonPropertyName("access_token")] public string? AccessToken { get; init; }
    [JsonPropertyName("token_type")] public string? TokenType { get; init; }
    [JsonPropertyName("expires_in")] public long? ExpiresIn { get; init; }
    public string? Scope { get; init; }
    public string? LocationId { get; init; }
    public string? PlanId { get; init; }
    public string? UserId { get; init; }
    public string? AppId { get; init; }
    public string? VersionId { get; init; }

    /// <summary>
    /// Not in the v2 spec; the v3 copy of this DTO has it and a maintainer confirmed it is returned (BRIEF §2.4).
    /// Null when GHL does not send one: a new location token is then minted from the agency token.
    /// </summary>
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }

    /// <summary>Tokens are secrets: a logged or traced record must not carry them.</summary>
    public override string ToString() =>
        $"{nameof(GhlLocationTokenResponse)} {{ LocationId = {LocationId}, ExpiresIn = {ExpiresIn}, Scope = {Scope}, " +
        $"AccessToken = {Redaction.Mask(AccessToken)}, RefreshToken = {Redaction.Mask(RefreshToken)} }}";
}

/// <summary>oauth.json › GetInstalledLocationsSuccessfulResponseDto.</summary>
public sealed record GhlInstalledLocationsPage
{
    public IReadOnlyList<GhlInstalledLocation>? Locations { get; init; }
    public long? Count { get; init; }
    public bool? InstallToFutureLocations { get; init; }
}

/// <summary>oauth.json › InstalledLocationSchema.</summary>
public sealed record GhlInstalledLocation
{
    [JsonPropertyName("_id")] public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Address { get; init; }
    public bool? IsInstalled { get; init; }
    public string? VersionId { get; init; }
    public string? InstalledAt { get; init; }
}

