namespace Provisioner.SnapshotAdvisor.Apis;

/// <summary>
/// Body of <c>PUT /api/snapshots/{id}</c>: replaces the snapshot's local metadata as a whole (an omitted field
/// becomes empty, <c>hidden</c> false). Name and type belong to GHL and are not editable here.
/// </summary>
public sealed record UpdateSnapshotRequest(
    string? Description,
    IReadOnlyList<string>? Tags,
    IReadOnlyDictionary<string, string>? DefaultCustomValues,
    IReadOnlyList<string>? DefaultUserRoles,
    bool? Hidden);
