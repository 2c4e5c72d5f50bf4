namespace Provisioner.GhlClient.Apis;

/// <summary>Query of <c>GET /users/search</c>; <see cref="Ids"/> is a comma-separated list.</summary>
public sealed record GhlUserSearchQuery(string CompanyId)
{
    public string? Query { get; init; }

    public int? Skip { get; init; }

    public int? Limit { get; init; }

    public string? LocationId { get; init; }

    public string? Type { get; init; }

    public string? Role { get; init; }

    public string? Ids { get; init; }

    public string? Sort { get; init; }

    public string? SortDirection { get; init; }

    public bool? Enabled2WaySync { get; init; }
}
