using System.Text.Json;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.Bench.AdvisorBench;

/// <summary>
/// The evaluation files (format of shared/advisor-eval/README.md) as the benchmark needs them: the library and the
/// businesses only. Labels are not read: latency does not depend on whether the answer is right.
/// </summary>
internal static class BenchData
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<SnapshotCandidate> LoadLibrary(string path)
    {
        var rows = JsonSerializer.Deserialize<List<LibraryRow>>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: expected a JSON array of snapshots.");
        return [.. rows.Select((r, i) => new SnapshotCandidate(
            string.IsNullOrWhiteSpace(r.Id) ? throw new InvalidDataException($"{path}[{i}]: id is missing.") : r.Id,
            r.Name ?? "", r.Type ?? "", r.Description ?? "", r.Tags ?? []))];
    }

    public static IReadOnlyList<BusinessProfile> LoadBusinesses(string path) =>
        [.. File.ReadLines(path).Select((line, i) => (line, i)).Where(l => !string.IsNullOrWhiteSpace(l.line)).Select(l =>
        {
            var business = JsonSerializer.Deserialize<CaseRow>(l.line, Json)?.Business
                ?? throw new InvalidDataException($"{path}:{l.i + 1}: 'business' is missing.");
            return new BusinessProfile(business.Name ?? "", business.Industry ?? "", business.Description ?? "", business.Services ?? [], business.Website ?? "");
        })];

    /// <summary>
    /// A library grown to <paramref name="size"/> snapshots by copying the real ones under new ids (as AdvisorEval
    /// does): the ranker scores every snapshot, so the cost grows with the count and not with the wording.
    /// </summary>
    public static IReadOnlyList<SnapshotCandidate> Grow(IReadOnlyList<SnapshotCandidate> library, int size) =>
        [.. Enumerable.Range(0, size).Select(i => library[i % library.Count] with { Id = $"{library[i % library.Count].Id}-copy{i}" })];

    private sealed record LibraryRow(string? Id, string? Name, string? Type, string? Description, List<string>? Tags);

    private sealed record BusinessRow(string? Name, string? Industry, string? Description, List<string>? Services, string? Website);

    private sealed record CaseRow(BusinessRow? Business);
}
