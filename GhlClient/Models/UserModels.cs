using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Models;

// Hand-written from the vendored OpenAPI specs (specs/ghl/apps), one record per component schema; the contract tests
// in tests/GhlClient.Tests check every field against the spec.

/// <summary>users.json › UserSchema.</summary>
public sealed record GhlUser
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Extension { get; init; }
    public GhlUserPermissions? Permissions { get; init; }
    /// <summary>The spec types this as one string (an enum); the API is also seen to send an array: both are read.</summary>
    [JsonConverter(typeof(StringOrArrayConverter))]
    public IReadOnlyList<string>? Scopes { get; init; }
    public GhlUserRoles? Roles { get; init; }
    public bool? Deleted { get; init; }
    public IReadOnlyDictionary<string, string>? LcPhone { get; init; }
    public string? PlatformLanguage { get; init; }
}

/// <summary>users.json › SearchUserSuccessfulResponseDto.</summary>
public sealed record GhlUserSearchResult
{
    public IReadOnlyList<GhlUser>? Users { get; init; }
    public long? Count { get; init; }
}

/// <summary>users.json › LocationSuccessfulResponseDto.</summary>
internal sealed record GhlUsersEnvelope
{
    public IReadOnlyList<GhlUser>? Users { get; init; }
}

/// <summary>users.json › DeleteUserSuccessfulResponseDto.</summary>
public sealed record GhlUserDeleted
{
    public bool? Succeded { get; init; }
    public string? Message { get; init; }
}

/// <summary>users.json › RoleSchema.</summary>
public sealed record GhlUserRoles
{
    public string? Type { get; init; }
    public string? Role { get; init; }
    public IReadOnlyList<string>? LocationIds { get; init; }
    public bool? RestrictSubAccount { get; init; }
}

