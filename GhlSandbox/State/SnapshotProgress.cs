using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Model;

namespace Provisioner.GhlSandbox.State;

/// <summary>
/// Snapshot loads advance with the clock: assets complete in order over the load's duration, and the snapshot's
/// custom values are written into the location when the last asset (custom_values) completes.
/// </summary>
public static class SnapshotProgress
{
    public const string Processing = "processing";
    public const string Completed = "completed";

    /// <summary>Asset kinds as GHL names them in snapshot-status; custom_values last so "completed" means usable.</summary>
    public static readonly IReadOnlyList<string> Assets =
    [
        "forms", "surveys", "funnels", "websites", "workflows", "calendars", "pipelines", "email_templates", "tags",
        "custom_fields", "custom_values",
    ];

    public static LoadStatus Of(SnapshotLoadRecord load, DateTimeOffset now)
    {
        var done = CompletedCount(load, now);
        return new LoadStatus(
            done == Assets.Count ? Completed : Processing,
            [.. Assets.Take(done)],
            [.. Assets.Skip(done)]);
    }

    /// <summary>Writes the custom values of every load that has finished by <paramref name="now"/>, once.</summary>
    public static void ApplyDue(SandboxState state, DateTimeOffset now)
    {
        foreach (var load in state.SnapshotLoads.Where(l => !l.Applied && CompletedCount(l, now) == Assets.Count))
        {
            load.Applied = true;
            var snapshot = state.Snapshots.FirstOrDefault(s => s.Id == load.SnapshotId);
            if (snapshot is null)
            {
                continue;
            }

            foreach (var value in snapshot.CustomValues)
            {
                var existing = state.CustomValues.FirstOrDefault(c =>
                    c.LocationId == load.LocationId && string.Equals(c.Name, value.Name, StringComparison.OrdinalIgnoreCase));
                if (existing is null)
                {
                    state.CustomValues.Add(new CustomValueRecord
                    {
                        Id = Ids.NewId(), LocationId = load.LocationId, Name = value.Name,
                        FieldKey = Ids.FieldKey(value.Name), Value = value.Value,
                    });
                }
                else if (load.Override)
                {
                    existing.Value = value.Value;
                }
            }
        }
    }

    private static int CompletedCount(SnapshotLoadRecord load, DateTimeOffset now)
    {
        if (load.Duration <= TimeSpan.Zero)
        {
            return Assets.Count;
        }

        var fraction = Math.Clamp((now - load.StartedAt) / load.Duration, 0, 1);
        return (int)Math.Floor(fraction * Assets.Count);
    }
}

public sealed record LoadStatus(string Status, string[] Completed, string[] Pending);
