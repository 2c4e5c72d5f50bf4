namespace Provisioner.SnapshotAdvisor.Data;

/// <summary>
/// One GHL snapshot of one agency, with the agency's own metadata. Name and type come from GHL and are overwritten by
/// every sync; the rest is edited here and survives syncs. A snapshot GHL no longer lists keeps its row with
/// <see cref="RemovedAt"/> set (so its metadata returns if it reappears) and is invisible to every query.
/// </summary>
public sealed class LibrarySnapshot
{
    public required string AgencyId { get; init; }

    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>GHL's type: <c>own</c> or <c>imported</c>.</summary>
    public required string Type { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Tags and industries, lower-case, for search and for the ranker.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Custom values (name → value) a location made from this snapshot starts with.</summary>
    public Dictionary<string, string> DefaultCustomValues { get; set; } = [];

    /// <summary>GHL user roles (<c>admin</c>, <c>user</c>) a client's users get by default.</summary>
    public List<string> DefaultUserRoles { get; set; } = [];

    /// <summary>Hidden snapshots stay in the library but are never recommended.</summary>
    public bool Hidden { get; set; }

    public DateTimeOffset FirstSyncedAt { get; init; }

    public DateTimeOffset LastSyncedAt { get; set; }

    public DateTimeOffset? RemovedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
