using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.Bench.AdvisorBench;

/// <summary>
/// What the benchmarks rank: set by the command before BenchmarkDotNet runs them. The benchmarks run in this process
/// (in-process toolchain), so a static hand-over is enough; BenchmarkDotNet gives benchmark classes no constructor.
/// </summary>
internal sealed record BenchInput(IReadOnlyList<SnapshotCandidate> Library, IReadOnlyList<BusinessProfile> Businesses, int ScaledSize)
{
    public static BenchInput? Current { get; set; }

    public static BenchInput Require() =>
        Current ?? throw new InvalidOperationException("Run the benchmarks through AdvisorBench's command, which loads the evaluation data first.");
}
