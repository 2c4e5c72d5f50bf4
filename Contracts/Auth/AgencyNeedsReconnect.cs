namespace Provisioner.Contracts.Auth;

/// <summary>GHL rejected the agency's refresh token; nothing calls GHL for it until an admin reconnects.</summary>
public sealed record AgencyNeedsReconnect(string AgencyId, string Reason, string Actor, DateTimeOffset OccurredAt);
