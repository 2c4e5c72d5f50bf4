namespace Provisioner.Contracts.Auth;

/// <summary>A GHL user signed in to Provisioner through the OAuth flow.</summary>
public sealed record UserSignedIn(string AgencyId, Guid UserId, string GhlUserId, string Role, string Actor, DateTimeOffset OccurredAt);
