namespace Provisioner.Web.Backend;

// ProvisioningService's GET/PUT /api/provision/settings (Apis/AgencySettingsEndpoints.cs) and
// /api/provision/settings/custom-value-templates (Apis/CustomValueTemplatesEndpoints.cs), and AuthService's
// GET /api/auth/users, PUT /api/auth/users/{id}/role (Apis/UserHandlers.cs), read by name.

/// <summary>The agency's stored settings, plus the concurrency in force (the service default when none is stored).</summary>
public sealed record AgencySettingsInfo(
    string? DefaultSnapshotId, int? MaxConcurrentJobs, int EffectiveMaxConcurrentJobs, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>PUT body: both fields replace the stored ones; null clears a setting.</summary>
public sealed record AgencySettingsUpdate(string? DefaultSnapshotId, int? MaxConcurrentJobs);

/// <summary>
/// The agency's custom value templates (GET/PUT /api/provision/settings/custom-value-templates, name → value as written,
/// placeholders unresolved); the PUT body has the same shape and replaces the whole set.
/// </summary>
public sealed record CustomValueTemplatesInfo(Dictionary<string, string> Templates);

/// <summary>A portal user of the agency (someone who signed in through GHL) and their role.</summary>
public sealed record AgencyUserInfo(Guid Id, string GhlUserId, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

public sealed record ChangeRoleBody(string Role);
