using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.Bench.AdvisorBench;

/// <summary>
/// The same recommendations as the benchmarks, timed in thread CPU time (see <see cref="ThreadCpuClock"/>), printed
/// next to BenchmarkDotNet's wall-clock figures so a run on a busy machine still says what the ranker itself costs.
/// </summary>
internal static class CpuLatency
{
    public static Dictionary<string, (double P50, double P95)> Measure(BenchInput input, int rounds, int coldRounds)
    {
        var ranker = new SnapshotRanker(new SnapshotRankerOptions());
        var scaled = BenchData.Grow(input.Library, input.ScaledSize);
        var library = ranker.BuildIndex(input.Library);
        var scaledIndex = ranker.BuildIndex(scaled);
        var results = new Dictionary<string, (double, double)>
        {
            [nameof(RecommendationBenchmarks.EvalLibrary)] = Run(input.Businesses, rounds, b => ranker.Rank(b, library)),
            [nameof(RecommendationBenchmarks.ScaledLibrary)] = Run(input.Businesses, rounds, b => ranker.Rank(b, scaledIndex)),
        };
        if (coldRounds > 0)
        {
            results[nameof(ColdIndexBenchmarks.ScaledLibraryCold)] = Run(input.Businesses, coldRounds, b => ranker.Rank(b, ranker.BuildIndex(scaled)));
        }

        return results;
    }

    private static (double P50, double P95) Run(IReadOnlyList<BusinessProfile> businesses, int rounds, Func<BusinessProfile, RankingResult> recommend)
    {
        foreach (var business in businesses)
        {
            recommend(business); // warm-up pass, as the benchmark job has
        }

        var samples = new List<double>(businesses.Count * rounds);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var business in businesses)
            {
                var started = ThreadCpuClock.NowMs();
                recommend(business);
                samples.Add(ThreadCpuClock.NowMs() - started);
            }
        }

        samples.Sort();
        return (Percentile(samples, 0.50), Percentile(samples, 0.95));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
