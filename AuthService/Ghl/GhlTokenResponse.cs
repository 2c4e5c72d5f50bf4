using System.Text.Json.Serialization;

namespace Provisioner.AuthService.Ghl;

/// <summary>The parts of GHL's <c>GetAccessCodeSuccessfulResponseDto</c> AuthService uses.</summary>
public sealed record GhlTokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] double? ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("userType")] string? UserType,
    [property: JsonPropertyName("companyId")] string? CompanyId,
    [property: JsonPropertyName("userId")] string? UserId)
{
    /// <summary>Never print the tokens, whatever logs or exceptions do with this record.</summary>
    public override string ToString() => $"GhlTokenResponse {{ UserType = {UserType}, CompanyId = {CompanyId}, UserId = {UserId} }}";
}

/// <summary>GHL's <c>GetCompanyByIdSuccessfulResponseDto</c>, the part AuthService reads.</summary>
public sealed record GhlCompanyResponse([property: JsonPropertyName("company")] GhlCompany? Company);

public sealed record GhlCompany([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("name")] string? Name);
