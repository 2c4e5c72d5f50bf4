namespace Provisioner.Contracts.Auth;

/// <summary>An agency finished the GHL OAuth flow and its tokens are stored (first connect or a reconnect).</summary>
public sealed record AgencyConnected(string AgencyId, string AgencyName, string Actor, DateTimeOffset OccurredAt);
