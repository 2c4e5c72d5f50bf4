namespace Provisioner.GhlClient.Apis;

/// <summary>Query of <c>GET /locations/search</c>; <see cref="Order"/> is <c>asc</c> or <c>desc</c>.</summary>
public sealed record GhlLocationSearchQuery
{
    public string? CompanyId { get; init; }

    public int? Skip { get; init; }

    public int? Limit { get; init; }

    public string? Order { get; init; }

    public string? Email { get; init; }
}
