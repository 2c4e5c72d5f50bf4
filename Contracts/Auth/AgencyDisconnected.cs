namespace Provisioner.Contracts.Auth;

/// <summary>An agency's GHL tokens were deleted: an admin disconnected it or GHL reported an uninstall.</summary>
public sealed record AgencyDisconnected(string AgencyId, string Reason, string Actor, DateTimeOffset OccurredAt);
