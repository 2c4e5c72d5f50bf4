namespace Provisioner.Web.Backend;

// The shapes of SnapshotAdvisor's library and recommend API (SnapshotAdvisor/Apis/SnapshotDto.cs,
// UpdateSnapshotRequest.cs, Advice/AdvisorResult.cs, Library/SyncResult.cs), read by name.

/// <summary>A snapshot of the agency's library with its local metadata (name and type belong to GHL).</summary>
public sealed record SnapshotInfo(
    string Id,
    string Name,
    string Type,
    string Description,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> DefaultCustomValues,
    IReadOnlyList<string> DefaultUserRoles,
    bool Hidden,
    DateTimeOffset LastSyncedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One page of a search; <see cref="Total"/> counts every match.</summary>
public sealed record SnapshotPage(IReadOnlyList<SnapshotInfo> Items, int Total, int Page, int PageSize);

/// <summary>PUT /api/snapshots/{id}: replaces the snapshot's metadata as a whole (an omitted field becomes empty).</summary>
public sealed record SnapshotUpdate(
    string? Description,
    IReadOnlyList<string>? Tags,
    IReadOnlyDictionary<string, string>? DefaultCustomValues,
    IReadOnlyList<string>? DefaultUserRoles,
    bool? Hidden);

/// <summary>What one sync from GHL changed.</summary>
public sealed record SnapshotSyncResult(string AgencyId, int Added, int Updated, int Removed, int Total, long Version);

/// <summary>GET /api/snapshots parameters; null means "not filtered".</summary>
public sealed record SnapshotQuery(string? Search = null, string? Tag = null, int Page = 1, int PageSize = 20);

/// <summary>POST /api/snapshots/recommend body (Contracts/Advisor/AdvisorBusiness.cs).</summary>
public sealed record RecommendBody(AdvisorBusinessBody Business);

public sealed record AdvisorBusinessBody(
    string Name, string? Email, string? Phone, string? Website, string? Address, string? City, string? State,
    string? PostalCode, string? Country, string? Timezone, string? Industry, string? Description, IReadOnlyList<string>? Services);

/// <summary>The ranked candidates, best first; <see cref="Source"/> says who chose the first (model or local ranker).</summary>
public sealed record AdvisorAdvice(IReadOnlyList<AdvisedSnapshot> Items, bool Confident, string Source, string? FallbackReason);

public sealed record AdvisedSnapshot(string SnapshotId, string Name, double Score, double Confidence, IReadOnlyList<string> Reasons, string Source);
