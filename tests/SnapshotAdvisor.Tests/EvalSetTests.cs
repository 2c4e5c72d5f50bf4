using System.Text.Json;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.SnapshotAdvisor.Tests;

/// <summary>
/// Regression floors on labelled sets kept as project data: dev (the shared advisor-eval set) and holdout (a second
/// agency library written independently of the ranker's tuning). Floors are the measured accuracy minus a margin.
/// </summary>
public sealed class EvalSetTests
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    [Theory]
    [InlineData("dev", 40, 0.875, 0.925)]
    [InlineData("holdout", 20, 0.85, 0.90)]
    public void Rank_LabelledSet_StaysAboveMeasuredFloor(string set, int expectedCases, double top1Floor, double top3Floor)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Data", set);
        var library = JsonSerializer.Deserialize<List<SnapshotCandidate>>(File.ReadAllText(Path.Combine(folder, "library.json")), Json)!;
        var cases = File.ReadLines(Path.Combine(folder, "cases.jsonl")).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<LabelledCase>(l, Json)!).ToList();
        var ranker = new SnapshotRanker(new SnapshotRankerOptions());
        var index = ranker.BuildIndex(library);

        var top1 = 0;
        var top3 = 0;
        foreach (var labelled in cases)
        {
            // Only the business goes to the ranker; the labels stay here.
            var ranked = ranker.Rank(labelled.Business, index).Recommendations.Take(3).Select(r => r.SnapshotId).ToList();
            top1 += labelled.Expected.Contains(ranked[0]) ? 1 : 0;
            top3 += ranked.Any(labelled.Expected.Contains) ? 1 : 0;
        }

        Assert.Equal(expectedCases, cases.Count);
        Assert.True((double)top1 / cases.Count >= top1Floor, $"{set}: top-1 {top1}/{cases.Count} is below the floor {top1Floor}");
        Assert.True((double)top3 / cases.Count >= top3Floor, $"{set}: top-3 {top3}/{cases.Count} is below the floor {top3Floor}");
    }

    private sealed record LabelledCase(string Id, BusinessProfile Business, List<string> Expected, string Difficulty);
}
