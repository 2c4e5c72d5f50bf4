namespace Provisioner.GhlClient;

/// <summary>
/// Which token a call needs: the agency token of <see cref="CompanyId"/>, or the location token of
/// <see cref="LocationId"/> (whose agency, when known, lets a provider mint it with <c>/oauth/locationToken</c>).
/// </summary>
public sealed record GhlTokenRequest
{
    private GhlTokenRequest(GhlTokenKind kind, string? companyId, string? locationId)
    {
        Kind = kind;
        CompanyId = companyId;
        LocationId = locationId;
    }

    public GhlTokenKind Kind { get; }

    public string? CompanyId { get; }

    public string? LocationId { get; }

    /// <summary>The rate budget GHL charges: one per company and one per location (BRIEF §5).</summary>
    public string ResourceKey => Kind == GhlTokenKind.Agency ? $"company:{CompanyId}" : $"location:{LocationId}";

    public static GhlTokenRequest Agency(string companyId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(companyId);
        return new GhlTokenRequest(GhlTokenKind.Agency, companyId, null);
    }

    public static GhlTokenRequest Location(string locationId, string? companyId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(locationId);
        return new GhlTokenRequest(GhlTokenKind.Location, companyId, locationId);
    }
}
