using Provisioner.Web.Provision;

namespace Provisioner.Web.Components.Provision;

/// <summary>
/// Fills the custom values editor from a picked snapshot's defaults without overwriting what the user typed. A row
/// the user has a value in is theirs and stays. A row this prefill wrote and the user left as it was belongs to the
/// previous pick: picking another snapshot replaces its value, or removes it when the new snapshot has no such default.
/// </summary>
public sealed class CustomValuePrefill
{
    // The rows this prefill wrote, with the value it wrote (a user edit makes the row's value differ).
    private readonly Dictionary<CustomValueRow, string> _written = [];

    /// <summary>Applies <paramref name="defaults"/> to <paramref name="rows"/> (in place).</summary>
    public void Apply(List<CustomValueRow> rows, IReadOnlyDictionary<string, string> defaults)
    {
        foreach (var (row, written) in _written.ToList())
        {
            if (!rows.Contains(row) || !string.Equals(row.Value ?? "", written, StringComparison.Ordinal))
            {
                // Removed by the user, or edited: no longer the prefill's.
                _written.Remove(row);
                continue;
            }

            var name = row.Name?.Trim() ?? "";
            if (!defaults.ContainsKey(name))
            {
                rows.Remove(row);
                _written.Remove(row);
            }
        }

        foreach (var (name, value) in defaults.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var row = rows.FirstOrDefault(r => string.Equals(r.Name?.Trim(), name, StringComparison.Ordinal));
            if (row is null)
            {
                row = new CustomValueRow { Name = name, Value = value };
                // Above any empty editor lines the user added, so the defaults read as one block.
                var firstBlank = rows.FindIndex(r => string.IsNullOrWhiteSpace(r.Name) && string.IsNullOrWhiteSpace(r.Value));
                rows.Insert(firstBlank < 0 ? rows.Count : firstBlank, row);
                _written[row] = value;
            }
            else if (string.IsNullOrEmpty(row.Value) || _written.ContainsKey(row))
            {
                // Empty, or still the previous pick's untouched value: the new default applies.
                row.Value = value;
                _written[row] = value;
            }
        }
    }
}
