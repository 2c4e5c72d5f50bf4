namespace Provisioner.Contracts.Advisor;

/// <summary>A client business as the intake describes it; the advisor reads it as data only. Any field may be empty.</summary>
public sealed record AdvisorBusiness(
    string Name,
    string? Email,
    string? Phone,
    string? Website,
    string? Address,
    string? City,
    string? State,
    string? PostalCode,
    string? Country,
    string? Timezone,
    string? Industry,
    string? Description,
    IReadOnlyList<string>? Services);
