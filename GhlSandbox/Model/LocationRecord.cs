namespace Provisioner.GhlSandbox.Model;

/// <summary>A sub-account.</summary>
public sealed class LocationRecord
{
    public required string Id { get; set; }
    public required string CompanyId { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Country { get; set; }
    public string? PostalCode { get; set; }
    public string? Website { get; set; }
    public string? Timezone { get; set; }
    public string? Domain { get; set; }
    public LocationSettings? Settings { get; set; }
    public LocationSocial? Social { get; set; }
    /// <summary>The last snapshot pushed to it (GHL's API does not expose this; the admin state does).</summary>
    public string? SnapshotId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed record LocationSettings(
    bool? AllowDuplicateContact,
    bool? AllowDuplicateOpportunity,
    bool? AllowFacebookNameMerge,
    bool? DisableContactTimezone);

public sealed record LocationSocial(
    string? FacebookUrl,
    string? GooglePlus,
    string? LinkedIn,
    string? Foursquare,
    string? Twitter,
    string? Yelp,
    string? Instagram,
    string? Youtube,
    string? Pinterest,
    string? BlogRss,
    string? GooglePlacesId);
