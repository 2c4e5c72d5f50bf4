using System.Text.Json;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.Bench.AdvisorEval;

/// <summary>One labelled case of cases.jsonl. Only <see cref="Business"/> is given to the ranker.</summary>
internal sealed record EvalCase(string Id, BusinessProfile Business, IReadOnlyList<string> Expected, string Difficulty);

/// <summary>Reads the evaluation format described in shared/advisor-eval/README.md.</summary>
internal static class EvalData
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<SnapshotCandidate> LoadLibrary(FileInfo file)
    {
        var rows = JsonSerializer.Deserialize<List<LibraryRow>>(File.ReadAllText(file.FullName), Json)
            ?? throw new InvalidDataException($"{file.Name}: expected a JSON array of snapshots.");
        return [.. rows.Select((r, i) => new SnapshotCandidate(
            Required(r.Id, $"{file.Name}[{i}].id"), r.Name ?? string.Empty, r.Type ?? string.Empty,
            r.Description ?? string.Empty, r.Tags ?? []))];
    }

    public static IReadOnlyList<EvalCase> LoadCases(FileInfo file)
    {
        var cases = new List<EvalCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file.FullName))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            CaseRow row;
            try
            {
                row = JsonSerializer.Deserialize<CaseRow>(line, Json)
                    ?? throw new InvalidDataException($"{file.Name}:{lineNumber}: empty case.");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{file.Name}:{lineNumber}: not a JSON case ({ex.Message}).", ex);
            }

            var b = row.Business ?? throw new InvalidDataException($"{file.Name}:{lineNumber}: 'business' is missing.");
            cases.Add(new EvalCase(
                Required(row.Id, $"{file.Name}:{lineNumber} id"),
                new BusinessProfile(b.Name ?? string.Empty, b.Industry ?? string.Empty, b.Description ?? string.Empty,
                    b.Services ?? [], b.Website ?? string.Empty),
                row.Expected is { Count: > 0 } ? row.Expected : throw new InvalidDataException($"{file.Name}:{lineNumber}: 'expected' is empty."),
                string.IsNullOrWhiteSpace(row.Difficulty) ? "unlabelled" : row.Difficulty));
        }

        return cases;
    }

    private static string Required(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidDataException($"{what} is missing.") : value;

    private sealed record LibraryRow(string? Id, string? Name, string? Type, string? Description, List<string>? Tags);

    private sealed record BusinessRow(string? Name, string? Industry, string? Description, List<string>? Services, string? Website);

    private sealed record CaseRow(string? Id, BusinessRow? Business, List<string>? Expected, string? Difficulty);
}
