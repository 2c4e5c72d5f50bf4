namespace Provisioner.Contracts.Auth;

/// <summary>An API key was created (the key itself is never part of a message).</summary>
public sealed record ApiKeyCreated(string AgencyId, Guid ApiKeyId, string Name, string Role, string Actor, DateTimeOffset OccurredAt);
