using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Models;

// Hand-written from the vendored OpenAPI specs (specs/ghl/apps), one record per component schema; the contract tests
// in tests/GhlClient.Tests check every field against the spec.

/// <summary>users.json › CreateUserDto.</summary>
public sealed record GhlCreateUserRequest
{
    public required string CompanyId { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
    public required string Password { get; init; }
    public string? Phone { get; init; }
    public required string Type { get; init; }
    public required string Role { get; init; }
    public required IReadOnlyList<string> LocationIds { get; init; }
    public GhlUserPermissions? Permissions { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public IReadOnlyList<string>? ScopesAssignedToOnly { get; init; }
    public string? ProfilePhoto { get; init; }
    public IReadOnlyDictionary<string, string>? TwilioPhone { get; init; }
    public string? PlatformLanguage { get; init; }

    /// <summary>The password is a secret: a logged record must not carry it.</summary>
    public override string ToString() =>
        $"{nameof(GhlCreateUserRequest)} {{ CompanyId = {CompanyId}, Email = {Email}, Type = {Type}, Role = {Role}, " +
        $"LocationIds = [{string.Join(", ", LocationIds)}], Password = {Redaction.Mask(Password)} }}";
}

/// <summary>users.json › UpdateUserDto.</summary>
public sealed record GhlUpdateUserRequest
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Password { get; init; }
    public string? Phone { get; init; }
    public string? Type { get; init; }
    public string? Role { get; init; }
    public string? CompanyId { get; init; }
    public IReadOnlyList<string>? LocationIds { get; init; }
    public GhlUserPermissions? Permissions { get; init; }
    public IReadOnlyList<string>? Scopes { get; init; }
    public IReadOnlyList<string>? ScopesAssignedToOnly { get; init; }
    public string? ProfilePhoto { get; init; }
    public IReadOnlyDictionary<string, string>? TwilioPhone { get; init; }
    public string? PlatformLanguage { get; init; }

    /// <summary>The password is a secret: a logged record must not carry it.</summary>
    public override string ToString() =>
        $"{nameof(GhlUpdateUserRequest)} {{ CompanyId = {CompanyId}, Type = {Type}, Role = {Role}, " +
        $"LocationIds = [{string.Join(", ", LocationIds ?? [])}], Password = {Redaction.Mask(Password)} }}";
}

/// <summary>users.json › FilterByEmailDto.</summary>
public sealed record GhlFilterUsersByEmailRequest
{
    public required string CompanyId { get; init; }
    public required string Emails { get; init; }
    public bool? Deleted { get; init; }
    public string? Skip { get; init; }
    public string? Limit { get; init; }
    public string? Projection { get; init; }
}

