namespace Provisioner.Contracts.Auth;

/// <summary>An API key was revoked and is no longer accepted.</summary>
public sealed record ApiKeyRevoked(string AgencyId, Guid ApiKeyId, string Actor, DateTimeOffset OccurredAt);
