using System.Diagnostics;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.Bench.AdvisorEval;

/// <summary>The outcome of one case: the ranker's first three and whether they hit the labels.</summary>
internal sealed record CaseOutcome(EvalCase Case, IReadOnlyList<SnapshotRecommendation> Top, bool Top1, bool Top3, bool Confident);

/// <summary>Runs the local ranker over labelled cases and times it.</summary>
internal static class Evaluation
{
    public static IReadOnlyList<CaseOutcome> Run(SnapshotRanker ranker, LibraryIndex index, IReadOnlyList<EvalCase> cases)
    {
        var outcomes = new List<CaseOutcome>(cases.Count);
        foreach (var c in cases)
        {
            var result = ranker.Rank(c.Business, index);
            var top = result.Recommendations.Take(3).ToList();
            outcomes.Add(new CaseOutcome(c, top,
                Top1: top.Count > 0 && c.Expected.Contains(top[0].SnapshotId),
                Top3: top.Any(r => c.Expected.Contains(r.SnapshotId)),
                result.Confident));
        }

        return outcomes;
    }

    /// <summary>
    /// Wall-clock milliseconds per recommendation (p50, p95) over every case, repeated to get enough samples, with the
    /// index built once; plus the mean process CPU milliseconds, which stays honest when other jobs load the machine.
    /// </summary>
    public static (double P50, double P95, double CpuMean) Latency(SnapshotRanker ranker, LibraryIndex index, IReadOnlyList<EvalCase> cases, int rounds)
    {
        foreach (var c in cases)
        {
            ranker.Rank(c.Business, index); // warm-up: JIT and Lucene's per-thread analyzer state
        }

        var samples = new List<double>(cases.Count * rounds);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        for (var round = 0; round < rounds; round++)
        {
            foreach (var c in cases)
            {
                var started = Stopwatch.GetTimestamp();
                ranker.Rank(c.Business, index);
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        samples.Sort();
        return (Percentile(samples, 0.50), Percentile(samples, 0.95), samples.Count == 0 ? 0 : cpu / samples.Count);
    }

    /// <summary>A library grown to <paramref name="size"/> snapshots by copying the real ones under new ids.</summary>
    public static IReadOnlyList<SnapshotCandidate> Grow(IReadOnlyList<SnapshotCandidate> library, int size) =>
        [.. Enumerable.Range(0, size).Select(i => library[i % library.Count] with { Id = $"{library[i % library.Count].Id}-copy{i}" })];

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
