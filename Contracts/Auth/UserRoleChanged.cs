namespace Provisioner.Contracts.Auth;

/// <summary>An admin changed a user's role within the agency.</summary>
public sealed record UserRoleChanged(string AgencyId, Guid UserId, string OldRole, string NewRole, string Actor, DateTimeOffset OccurredAt);
