using System.Text.Json.Serialization;

namespace Provisioner.Web.Backend;

/// <summary>GET /api/auth/me: who the user is and the agency's connection (AuthService's MeResponse).</summary>
public sealed record MeInfo(MeUserInfo? User, MeAgencyInfo Agency, string Role, string AuthenticatedBy);

public sealed record MeUserInfo(Guid Id, string GhlUserId, string Name);

public sealed record MeAgencyInfo(
    string Id, string Name, string ConnectionState, string[] Scopes, DateTimeOffset? TokenExpiresAt, DateTimeOffset? LastRefreshedAt);

/// <summary>POST /api/auth/token: a short-lived JWT for the other services (AuthService's IssuedToken).</summary>
public sealed record ServiceToken(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>An API key as listed (no secret).</summary>
public sealed record ApiKeyInfo(
    Guid Id, string Name, string Prefix, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);

/// <summary>A new API key: <see cref="Key"/> is in this answer only.</summary>
public sealed record CreatedApiKey(Guid Id, string Key, string Name, string Prefix, string Role);
