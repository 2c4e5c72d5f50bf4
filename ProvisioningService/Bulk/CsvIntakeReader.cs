using CsvHelper;
using Provisioner.ProvisioningService.Intake;

namespace Provisioner.ProvisioningService.Bulk;

/// <summary>
/// Reads a bulk upload's CSV (RFC 4180 by CsvHelper: quoted fields may hold commas, quotes and line breaks) into
/// intakes, one per data row. The header is required and checked first: an unknown, repeated or missing required
/// column refuses the whole file, naming the column.
/// </summary>
internal static class CsvIntakeReader
{
    private static readonly CsvReaderOptions Options = new()
    {
        // Fixed, not detected: a ';' in a custom value must not turn into the separator.
        Separator = ',',
        HasHeader = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        // Cells hold personal data; a parse error names the row, never the value.
        IncludeValuesInExceptions = false,
    };

    public static (List<CsvIntakeRow>? Rows, BulkInputError? Error) Read(byte[] csv, int maxRows)
    {
        try
        {
            using var reader = CsvReader.Create(csv, Options);
            var (columns, error) = CsvIntakeHeader.Parse([.. reader.Headers]);
            if (error is not null)
            {
                return (null, error);
            }

            var rows = new List<CsvIntakeRow>();
            while (reader.Read())
            {
                var cells = new string?[columns!.Count];
                for (var i = 0; i < cells.Length; i++)
                {
                    var value = i < reader.FieldCount ? reader.GetString(i) : null;
                    cells[i] = string.IsNullOrWhiteSpace(value) ? null : value;
                }

                // A row of empty cells (a spreadsheet's trailing ",,,,") is not a client.
                if (cells.All(c => c is null))
                {
                    continue;
                }

                if (rows.Count == maxRows)
                {
                    return (null, new BulkInputError(StatusCodes.Status413PayloadTooLarge, "file",
                        $"The file has more than {maxRows} data rows; split it into several uploads."));
                }

                rows.Add(ToIntake((int)reader.RowNumber + 1, columns, cells));
            }

            return rows.Count == 0
                ? (null, new BulkInputError(StatusCodes.Status400BadRequest, "file", "The file has a header but no data rows."))
                : (rows, null);
        }
        catch (CsvFormatException)
        {
            return (null, new BulkInputError(StatusCodes.Status400BadRequest, "file",
                "The file is not valid CSV (RFC 4180): check for a quote that is not closed or a stray quote inside an unquoted field."));
        }
    }

    private static CsvIntakeRow ToIntake(int row, List<CsvColumn> columns, string?[] cells)
    {
        var business = new Dictionary<string, string?>(StringComparer.Ordinal);
        var customValues = new Dictionary<string, string?>(StringComparer.Ordinal);
        var users = new SortedDictionary<int, Dictionary<string, string?>>();
        var columnOf = new Dictionary<string, string>(StringComparer.Ordinal);
        string? snapshotId = null;
        for (var i = 0; i < columns.Count; i++)
        {
            var (name, path, kind, number, key) = columns[i];
            var value = cells[i];
            switch (kind)
            {
                case CsvColumnKind.Business:
                    business[path] = value;
                    columnOf[path] = name;
                    break;
                case CsvColumnKind.Snapshot:
                    snapshotId = value;
                    columnOf[path] = name;
                    break;
                // An empty cell means "this client sets no such custom value", not "set it to empty".
                case CsvColumnKind.CustomValue when value is not null:
                    customValues[key!] = value;
                    columnOf[path] = name;
                    break;
                case CsvColumnKind.User when value is not null:
                    if (!users.TryGetValue(number, out var fields))
                    {
                        users[number] = fields = new Dictionary<string, string?>(StringComparer.Ordinal);
                    }

                    fields[path] = value;
                    break;
            }
        }

        // Users are listed in column-number order; an empty group is skipped, so the JSON index may differ from N.
        var userList = new List<UserRequest?>();
        foreach (var (number, fields) in users)
        {
            foreach (var (suffix, field) in BulkColumns.UserFields)
            {
                columnOf[$"users[{userList.Count}].{field}"] = $"user{number}_{suffix}";
            }

            userList.Add(new UserRequest(fields.GetValueOrDefault("firstName"), fields.GetValueOrDefault("lastName"),
                fields.GetValueOrDefault("email"), fields.GetValueOrDefault("phone"), fields.GetValueOrDefault("role")));
        }

        var request = new ProvisionRequest(
            new BusinessRequest(
                business.GetValueOrDefault("business.name"), business.GetValueOrDefault("business.email"), business.GetValueOrDefault("business.phone"),
                business.GetValueOrDefault("business.website"), business.GetValueOrDefault("business.address"), business.GetValueOrDefault("business.city"),
                business.GetValueOrDefault("business.state"), business.GetValueOrDefault("business.postalCode"), business.GetValueOrDefault("business.country"),
                business.GetValueOrDefault("business.timezone"), business.GetValueOrDefault("business.industry"), business.GetValueOrDefault("business.description")),
            snapshotId,
            customValues,
            userList);
        return new CsvIntakeRow(row, request, columnOf);
    }
}
