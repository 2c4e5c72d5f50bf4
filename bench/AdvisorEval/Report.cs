using System.Globalization;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.Bench.AdvisorEval;

/// <summary>Prints accuracy per difficulty, the misses, and the closing metric line.</summary>
internal static class Report
{
    private static readonly string[] DifficultyOrder = ["easy", "medium", "hard"];

    public static void Accuracy(TextWriter output, IReadOnlyList<CaseOutcome> outcomes)
    {
        output.WriteLine($"{"difficulty",-12}{"n",4}{"top1",8}{"top3",8}{"confident",11}");
        var groups = outcomes.GroupBy(o => o.Case.Difficulty)
            .OrderBy(g => Array.IndexOf(DifficultyOrder, g.Key) is var i && i < 0 ? int.MaxValue : i).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            Row(output, group.Key, [.. group]);
        }

        Row(output, "overall", outcomes);
    }

    public static void Misses(TextWriter output, IReadOnlyList<CaseOutcome> outcomes, IReadOnlyList<SnapshotCandidate> library)
    {
        var names = library.ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
        var misses = outcomes.Where(o => !o.Top1).ToList();
        output.WriteLine();
        output.WriteLine($"misses at top-1: {misses.Count}");
        foreach (var miss in misses)
        {
            var chosen = miss.Top.Count > 0 ? $"'{miss.Top[0].Name}' ({F(miss.Top[0].Score)})" : "nothing";
            var expected = string.Join(" | ", miss.Case.Expected.Select(id => $"'{names.GetValueOrDefault(id, id)}'"));
            var inTop3 = miss.Top3 ? "in top-3" : "NOT in top-3";
            output.WriteLine($"  {miss.Case.Id} [{miss.Case.Difficulty}] chose {chosen}; expected {expected}; {inTop3}");
            output.WriteLine($"      top-3: {string.Join(", ", miss.Top.Select(r => $"'{r.Name}' {F(r.Score)}"))}");
        }
    }

    public static string Closing(IReadOnlyList<CaseOutcome> outcomes) =>
        $"top1={F3(Share(outcomes, o => o.Top1))} top3={F3(Share(outcomes, o => o.Top3))} n={outcomes.Count}";

    private static void Row(TextWriter output, string label, IReadOnlyList<CaseOutcome> group) =>
        output.WriteLine($"{label,-12}{group.Count,4}{F3(Share(group, o => o.Top1)),8}{F3(Share(group, o => o.Top3)),8}{F3(Share(group, o => o.Confident)),11}");

    private static double Share(IReadOnlyList<CaseOutcome> group, Func<CaseOutcome, bool> hit) =>
        group.Count == 0 ? 0 : (double)group.Count(hit) / group.Count;

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string F3(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
