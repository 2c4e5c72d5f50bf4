using System.Globalization;

namespace Provisioner.ProvisioningService.Bulk;

/// <summary>
/// The header row of a bulk upload: each cell becomes a <see cref="CsvColumn"/>, or the file is refused naming the
/// column (unknown, repeated, required but missing) or <c>file</c> (empty, or a first row that is not a header).
/// </summary>
internal static class CsvIntakeHeader
{
    public static (List<CsvColumn>? Columns, BulkInputError? Error) Parse(List<string> names)
    {
        if (names.Count == 0 || names.All(string.IsNullOrWhiteSpace))
        {
            return (null, new BulkInputError(StatusCodes.Status400BadRequest, "file",
                $"The file is empty. The first row must be a header with the column names: {BulkColumns.Describe()}."));
        }

        var columns = new List<CsvColumn>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in names)
        {
            var name = raw.Trim();
            var lower = name.ToLowerInvariant();
            if (!seen.Add(name))
            {
                return (null, new BulkInputError(StatusCodes.Status400BadRequest, name, $"The column '{name}' appears more than once in the header."));
            }

            if (BulkColumns.Business.TryGetValue(lower, out var path))
            {
                columns.Add(new CsvColumn(lower, path, CsvColumnKind.Business));
            }
            else if (lower == BulkColumns.SnapshotId)
            {
                columns.Add(new CsvColumn(lower, "snapshotId", CsvColumnKind.Snapshot));
            }
            else if (lower.StartsWith(BulkColumns.CustomValuePrefix, StringComparison.Ordinal) && name.Length > BulkColumns.CustomValuePrefix.Length)
            {
                var customValue = name[BulkColumns.CustomValuePrefix.Length..].Trim();
                columns.Add(new CsvColumn(BulkColumns.CustomValuePrefix + customValue, $"customValues[{customValue}]", CsvColumnKind.CustomValue, Key: customValue));
            }
            else if (BulkColumns.UserColumn().Match(lower) is { Success: true } user)
            {
                columns.Add(new CsvColumn(lower, BulkColumns.UserFields[user.Groups[2].Value], CsvColumnKind.User, int.Parse(user.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
            else
            {
                columns.Add(new CsvColumn(name, name, CsvColumnKind.Unknown));
            }
        }

        if (columns.All(c => c.Kind == CsvColumnKind.Unknown))
        {
            return (null, new BulkInputError(StatusCodes.Status400BadRequest, "file",
                $"The first row must be a header row; none of its cells is a known column. Columns: {BulkColumns.Describe()}."));
        }

        if (columns.FirstOrDefault(c => c.Kind == CsvColumnKind.Unknown) is { } unknown)
        {
            return (null, new BulkInputError(StatusCodes.Status400BadRequest, unknown.Name,
                $"'{unknown.Name}' is not a known column. Columns: {BulkColumns.Describe()}."));
        }

        if (BulkColumns.Required.FirstOrDefault(r => columns.All(c => c.Name != r)) is { } missing)
        {
            return (null, new BulkInputError(StatusCodes.Status400BadRequest, missing, $"The required column '{missing}' is missing from the header."));
        }

        return (columns, null);
    }
}

internal enum CsvColumnKind
{
    Unknown,
    Business,
    Snapshot,
    CustomValue,
    User,
}

/// <summary>A header cell: its canonical name, the JSON path (or user field) it fills, and for users their number.</summary>
internal sealed record CsvColumn(string Name, string Path, CsvColumnKind Kind, int Number = 0, string? Key = null);
