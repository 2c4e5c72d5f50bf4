namespace Provisioner.Contracts.Auth;

/// <summary>GHL reported (LocationCreate webhook) that a sub-account was created in the agency.</summary>
public sealed record GhlLocationCreated(string AgencyId, string LocationId, string? Name, string? Email, string Actor, DateTimeOffset OccurredAt);
