using Provisioner.SnapshotAdvisor.Data;

namespace Provisioner.SnapshotAdvisor.Apis;

/// <summary>A snapshot of the caller's library with its local metadata.</summary>
public sealed record SnapshotDto(
    string Id,
    string Name,
    string Type,
    string Description,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> DefaultCustomValues,
    IReadOnlyList<string> DefaultUserRoles,
    bool Hidden,
    DateTimeOffset LastSyncedAt,
    DateTimeOffset UpdatedAt)
{
    public static SnapshotDto From(LibrarySnapshot s) =>
        new(s.Id, s.Name, s.Type, s.Description, s.Tags, s.DefaultCustomValues, s.DefaultUserRoles, s.Hidden, s.LastSyncedAt, s.UpdatedAt);
}

/// <summary>One page of a search; <see cref="Total"/> counts every match, not just this page.</summary>
public sealed record SnapshotPage(IReadOnlyList<SnapshotDto> Items, int Total, int Page, int PageSize);
