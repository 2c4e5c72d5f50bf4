using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Models;

// Hand-written from the vendored OpenAPI specs (specs/ghl/apps), one record per component schema; the contract tests
// in tests/GhlClient.Tests check every field against the spec.

/// <summary>locations.json › CreateLocationDto.</summary>
public sealed record GhlCreateLocationRequest
{
    public required string Name { get; init; }
    public string? Phone { get; init; }
    public required string CompanyId { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Country { get; init; }
    public string? PostalCode { get; init; }
    public string? Website { get; init; }
    public string? Timezone { get; init; }
    public GhlProspectInfo? ProspectInfo { get; init; }
    public GhlLocationSettings? Settings { get; init; }
    public GhlLocationSocial? Social { get; init; }
    public GhlTwilioCredentials? Twilio { get; init; }
    public GhlMailgunCredentials? Mailgun { get; init; }
    public string? SnapshotId { get; init; }
}

/// <summary>locations.json › UpdateLocationDto.</summary>
public sealed record GhlUpdateLocationRequest
{
    public string? Name { get; init; }
    public string? Phone { get; init; }
    public required string CompanyId { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? Country { get; init; }
    public string? PostalCode { get; init; }
    public string? Website { get; init; }
    public string? Timezone { get; init; }
    public GhlProspectInfo? ProspectInfo { get; init; }
    public GhlLocationSettings? Settings { get; init; }
    public GhlLocationSocial? Social { get; init; }
    public GhlTwilioCredentials? Twilio { get; init; }
    public GhlMailgunCredentials? Mailgun { get; init; }
    public GhlSnapshotLoad? Snapshot { get; init; }
}

/// <summary>locations.json › ProspectInfoDto.</summary>
public sealed record GhlProspectInfo
{
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public required string Email { get; init; }
}

/// <summary>locations.json › TwilioSchema.</summary>
public sealed record GhlTwilioCredentials
{
    public required string Sid { get; init; }
    public required string AuthToken { get; init; }

    public override string ToString() => $"{nameof(GhlTwilioCredentials)} {{ Sid = {Sid}, AuthToken = {Redaction.Mask(AuthToken)} }}";
}

/// <summary>locations.json › MailgunSchema.</summary>
public sealed record GhlMailgunCredentials
{
    public required string ApiKey { get; init; }
    public required string Domain { get; init; }

    public override string ToString() => $"{nameof(GhlMailgunCredentials)} {{ Domain = {Domain}, ApiKey = {Redaction.Mask(ApiKey)} }}";
}

/// <summary>locations.json › SnapshotPutSchema.</summary>
public sealed record GhlSnapshotLoad
{
    public required string Id { get; init; }
    public bool? Override { get; init; }
}

/// <summary>locations.json › SettingsSchema.</summary>
public sealed record GhlLocationSettings
{
    public bool? AllowDuplicateContact { get; init; }
    public bool? AllowDuplicateOpportunity { get; init; }
    public bool? AllowFacebookNameMerge { get; init; }
    public bool? DisableContactTimezone { get; init; }
}

/// <summary>locations.json › SocialSchema.</summary>
public sealed record GhlLocationSocial
{
    public string? FacebookUrl { get; init; }
    public string? GooglePlus { get; init; }
    public string? LinkedIn { get; init; }
    public string? Foursquare { get; init; }
    public string? Twitter { get; init; }
    public string? Yelp { get; init; }
    public string? Instagram { get; init; }
    public string? Youtube { get; init; }
    public string? Pinterest { get; init; }
    public string? BlogRss { get; init; }
    public string? GooglePlacesId { get; init; }
}

