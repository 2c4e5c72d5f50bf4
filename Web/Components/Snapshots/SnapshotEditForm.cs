using Provisioner.Web.Backend;
using Provisioner.Web.Provision;

namespace Provisioner.Web.Components.Snapshots;

/// <summary>
/// What the edit dialog changes: a snapshot's metadata as text the user types (tags comma-separated, defaults as
/// name/value rows). <see cref="ToUpdate"/> sends the whole record, as PUT replaces it.
/// </summary>
public sealed class SnapshotEditForm
{
    /// <summary>GHL's location user roles (SnapshotAdvisor's SnapshotLimits.UserRoles).</summary>
    public static readonly IReadOnlyList<string> UserRoles = ["admin", "user"];

    public string? Description { get; set; }

    public string? Tags { get; set; }

    public List<CustomValueRow> CustomValues { get; } = [];

    public List<string> Roles { get; } = [];

    public bool Hidden { get; set; }

    public static SnapshotEditForm From(SnapshotInfo snapshot)
    {
        var form = new SnapshotEditForm
        {
            Description = snapshot.Description,
            Tags = string.Join(", ", snapshot.Tags),
            Hidden = snapshot.Hidden,
        };
        form.CustomValues.AddRange(snapshot.DefaultCustomValues.OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v => new CustomValueRow { Name = v.Key, Value = v.Value }));
        form.Roles.AddRange(snapshot.DefaultUserRoles);
        return form;
    }

    public void SetRole(string role, bool on)
    {
        Roles.Remove(role);
        if (on)
        {
            Roles.Add(role);
        }
    }

    public SnapshotUpdate ToUpdate() => new(
        Description?.Trim() ?? "",
        [.. (Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        // A row without a name is an empty editor line; the last of two equal names wins, as in the intake form.
        CustomValues.Where(c => !string.IsNullOrWhiteSpace(c.Name))
            .GroupBy(c => c.Name!.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Value ?? ""),
        [.. UserRoles.Where(Roles.Contains)],
        Hidden);
}
