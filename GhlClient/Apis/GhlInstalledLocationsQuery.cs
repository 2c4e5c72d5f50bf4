namespace Provisioner.GhlClient.Apis;

/// <summary>Query of <c>GET /oauth/installedLocations</c> (appId is added from the options).</summary>
public sealed record GhlInstalledLocationsQuery(string CompanyId)
{
    public int? Skip { get; init; }

    public int? Limit { get; init; }

    public string? Query { get; init; }

    public bool? IsInstalled { get; init; }

    public string? VersionId { get; init; }

    public bool? OnTrial { get; init; }

    public string? PlanId { get; init; }

    public string? LocationId { get; init; }
}
