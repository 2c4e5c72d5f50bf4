using Provisioner.GhlSandbox.Model;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>locations.json CreateLocationDto / UpdateLocationDto (twilio and mailgun are accepted and ignored).</summary>
public sealed record LocationRequest(
    string? Name,
    string? Phone,
    string? CompanyId,
    string? Address,
    string? City,
    string? State,
    string? Country,
    string? PostalCode,
    string? Website,
    string? Timezone,
    ProspectInfo? ProspectInfo,
    LocationSettings? Settings,
    LocationSocial? Social,
    string? SnapshotId,
    SnapshotPut? Snapshot);

public sealed record ProspectInfo(string? FirstName, string? LastName, string? Email);

public sealed record SnapshotPut(string? Id, bool? Override);

/// <summary>CreateLocationSuccessfulResponseDto: flat, email from prospectInfo.</summary>
public sealed record LocationResponse(
    string Id, string CompanyId, string Name, string? Phone, string? Email, string? Address, string? City, string? State,
    string? Domain, string? Country, string? PostalCode, string? Website, string? Timezone, LocationSettings? Settings,
    LocationSocial? Social)
{
    public static LocationResponse From(LocationRecord l) => new(
        l.Id, l.CompanyId, l.Name, l.Phone, l.Email, l.Address, l.City, l.State, l.Domain, l.Country, l.PostalCode,
        l.Website, l.Timezone, l.Settings, l.Social);
}

/// <summary>GetLocationSchema, the items of /locations/search (no companyId, no snapshotId).</summary>
public sealed record LocationSummary(
    string Id, string Name, string? Phone, string? Email, string? Address, string? City, string? State, string? Country,
    string? PostalCode, string? Website, string? Timezone, LocationSettings? Settings, LocationSocial? Social)
{
    public static LocationSummary From(LocationRecord l) => new(
        l.Id, l.Name, l.Phone, l.Email, l.Address, l.City, l.State, l.Country, l.PostalCode, l.Website, l.Timezone,
        l.Settings, l.Social);
}

/// <summary>GetLocationByIdSuccessfulResponseDto.</summary>
public sealed record LocationEnvelope(LocationDetail Location);

public sealed record LocationDetail(
    string Id, string CompanyId, string Name, string? Domain, string? Address, string? City, string? State,
    string? Country, string? PostalCode, string? Website, string? Timezone, string? FirstName, string? LastName,
    string? Email, string? Phone, BusinessInfo Business, LocationSocial? Social, LocationSettings? Settings,
    Dictionary<string, string> Reseller)
{
    public static LocationDetail From(LocationRecord l) => new(
        l.Id, l.CompanyId, l.Name, l.Domain, l.Address, l.City, l.State, l.Country, l.PostalCode, l.Website, l.Timezone,
        l.FirstName, l.LastName, l.Email, l.Phone,
        new BusinessInfo(l.Name, l.Address, l.City, l.State, l.Country, l.PostalCode, l.Website, l.Timezone),
        l.Social, l.Settings, []);
}

public sealed record BusinessInfo(
    string Name, string? Address, string? City, string? State, string? Country, string? PostalCode, string? Website, string? Timezone);

public sealed record LocationSearchResponse(IReadOnlyList<LocationSummary> Locations);

public sealed record LocationDeletedResponse(bool Success, string Message);
