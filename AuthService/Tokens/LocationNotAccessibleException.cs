namespace Provisioner.AuthService.Tokens;

/// <summary>GHL refused to mint a token for the location: it does not exist, or the agency cannot reach it.</summary>
public sealed class LocationNotAccessibleException(string agencyId, string locationId, bool notFound)
    : Exception(notFound
        ? $"GHL does not know location {locationId} (agency {agencyId})."
        : $"Location {locationId} is not accessible to agency {agencyId}.")
{
    public string AgencyId { get; } = agencyId;

    public string LocationId { get; } = locationId;

    /// <summary>GHL answered "not found" (400) rather than "not accessible" (401/403).</summary>
    public bool NotFound { get; } = notFound;
}
