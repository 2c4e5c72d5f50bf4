using BenchmarkDotNet.Attributes;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.Bench.AdvisorBench;

/// <summary>
/// One recommendation per invocation (the job runs each iteration as exactly one invocation), cycling through the
/// evaluation businesses, so the iteration times are the per-recommendation distribution whose p95 the target bounds.
/// The index is built once, as the service's <c>LibraryIndexCache</c> keeps it until the library changes.
/// </summary>
/// <remarks>Public and not sealed: BenchmarkDotNet requires both of a benchmark class.</remarks>
public class RecommendationBenchmarks
{
    private SnapshotRanker _ranker = null!;
    private IReadOnlyList<BusinessProfile> _businesses = [];
    private LibraryIndex _library = null!;
    private LibraryIndex _scaled = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var input = BenchInput.Require();
        _ranker = new SnapshotRanker(new SnapshotRankerOptions());
        _businesses = input.Businesses;
        _library = _ranker.BuildIndex(input.Library);
        _scaled = _ranker.BuildIndex(BenchData.Grow(input.Library, input.ScaledSize));

        // Past tiered JIT's promotion (30 calls, then a background recompile) before the job's own warm-up, so the
        // first benchmark does not measure the ranker's tier-0 code while the second gets its tier-1 code.
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var business in _businesses)
            {
                _ranker.Rank(business, _library);
                _ranker.Rank(business, _scaled);
            }
        }
    }

    [Benchmark(Description = "recommend, eval library, cached index")]
    public RankingResult EvalLibrary() => _ranker.Rank(NextBusiness(), _library);

    [Benchmark(Description = "recommend, 200 snapshots, cached index")]
    public RankingResult ScaledLibrary() => _ranker.Rank(NextBusiness(), _scaled);

    private BusinessProfile NextBusiness() => _businesses[_next++ % _businesses.Count];
}
