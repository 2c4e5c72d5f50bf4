using BenchmarkDotNet.Attributes;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.Bench.AdvisorBench;

/// <summary>
/// The first recommendation after a library change: the index is built and then used once. The service pays this
/// once per library version (a sync or an edit), not per request.
/// </summary>
/// <remarks>Public and not sealed: BenchmarkDotNet requires both of a benchmark class.</remarks>
public class ColdIndexBenchmarks
{
    private SnapshotRanker _ranker = null!;
    private IReadOnlyList<BusinessProfile> _businesses = [];
    private IReadOnlyList<SnapshotCandidate> _scaled = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var input = BenchInput.Require();
        _ranker = new SnapshotRanker(new SnapshotRankerOptions());
        _businesses = input.Businesses;
        _scaled = BenchData.Grow(input.Library, input.ScaledSize);
    }

    [Benchmark(Description = "build index + recommend, 200 snapshots")]
    public RankingResult ScaledLibraryCold() => _ranker.Rank(_businesses[_next++ % _businesses.Count], _ranker.BuildIndex(_scaled));
}
