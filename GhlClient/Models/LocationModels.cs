using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Models;

// Hand-written from the vendored OpenAPI specs (specs/ghl/apps), one record per component schema; the contract tests
// in tests/GhlClient.Tests check every field against the spec.

/// <summary>locations.json › CreateLocationSuccessfulResponseDto.</summary>
public sealed record GhlLocation
{
    public string? Id { get; init; }
    public string? CompanyId { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Domain { get; init; }
    public string? Country { get; init; }
    public string? PostalCode { get; init; }
    public string? Website { get; init; }
    public string? Timezone { get; init; }
    public GhlLocationSettings? Settings { get; init; }
    public GhlLocationSocial? Social { get; init; }
}

/// <summary>locations.json › GetLocationByIdSuccessfulResponseDto.</summary>
internal sealed record GhlLocationEnvelope
{
    public GhlLocationDetails? Location { get; init; }
}

/// <summary>locations.json › GetLocationByIdSchema.</summary>
public sealed record GhlLocationDetails
{
    public string? Id { get; init; }
    public string? CompanyId { get; init; }
    public string? Name { get; init; }
    public string? Domain { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? LogoUrl { get; init; }
    public string? Country { get; init; }
    public string? PostalCode { get; init; }
    public string? Website { get; init; }
    public string? Timezone { get; init; }
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public GhlLocationBusiness? Business { get; init; }
    public GhlLocationSocial? Social { get; init; }
    public GhlLocationSettings? Settings { get; init; }
    public JsonElement? Reseller { get; init; }
}

/// <summary>locations.json › BusinessSchema.</summary>
public sealed record GhlLocationBusiness
{
    public string? Name { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Country { get; init; }
    public string? PostalCode { get; init; }
    public string? Website { get; init; }
    public string? Timezone { get; init; }
    public string? LogoUrl { get; init; }
}

/// <summary>locations.json › SearchSuccessfulResponseDto.</summary>
internal sealed record GhlLocationSearchEnvelope
{
    public IReadOnlyList<GhlLocationSummary>? Locations { get; init; }
}

/// <summary>locations.json › GetLocationSchema.</summary>
public sealed record GhlLocationSummary
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Country { get; init; }
    public string? PostalCode { get; init; }
    public string? Website { get; init; }
    public string? Timezone { get; init; }
    public GhlLocationSettings? Settings { get; init; }
    public GhlLocationSocial? Social { get; init; }
}

/// <summary>locations.json › LocationDeletedSuccessfulResponseDto.</summary>
public sealed record GhlLocationDeleted
{
    public bool? Success { get; init; }
    public string? Message { get; init; }
}

