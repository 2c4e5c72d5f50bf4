using System.CommandLine;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Provisioner.Bench.AdvisorBench;

/// <summary>advisor-bench: the local ranker's recommendation latency (p95) measured with BenchmarkDotNet, against the target.</summary>
internal static class BenchCommand
{
    /// <summary>Issue 7: "p95 latency of one recommendation against a 200-snapshot library: &lt; 20 ms".</summary>
    private const int TargetLibrarySize = 200;
    private const double TargetP95Ms = 20;

    public static RootCommand Create()
    {
        var library = new Option<FileInfo>("--library") { Description = "library.json (default: ../shared/advisor-eval/dev/library.json from the repository root)" };
        var cases = new Option<FileInfo>("--cases") { Description = "cases.jsonl whose businesses are ranked (default: the dev cases)" };
        var rounds = new Option<int>("--rounds") { Description = "passes over the cases with a cached index (samples = cases x rounds)", DefaultValueFactory = _ => 10 };
        var coldRounds = new Option<int>("--cold-rounds") { Description = "passes over the cases building the index each time", DefaultValueFactory = _ => 1 };
        rounds.Validators.Add(r => { if (r.GetValue(rounds) is < 1 or > 100) r.AddError("--rounds must be 1..100"); });
        coldRounds.Validators.Add(r => { if (r.GetValue(coldRounds) is < 0 or > 100) r.AddError("--cold-rounds must be 0..100 (0 skips the cold benchmark)"); });

        var root = new RootCommand("Benchmarks the snapshot advisor's local ranker: p95 latency of one recommendation, next to the 20 ms target.")
        {
            library, cases, rounds, coldRounds,
        };
        root.SetAction(parse => Run(parse.GetValue(library), parse.GetValue(cases), parse.GetValue(rounds), parse.GetValue(coldRounds)));
        return root;
    }

    private static int Run(FileInfo? libraryFile, FileInfo? casesFile, int rounds, int coldRounds)
    {
        var dev = DefaultDevFolder();
        var libraryPath = libraryFile?.FullName ?? Path.Combine(dev ?? "", "library.json");
        var casesPath = casesFile?.FullName ?? Path.Combine(dev ?? "", "cases.jsonl");
        if (!File.Exists(libraryPath) || !File.Exists(casesPath))
        {
            Console.Error.WriteLine(dev is null && (libraryFile is null || casesFile is null)
                ? "no default evaluation data outside the repository: run from inside it, or pass --library and --cases"
                : $"evaluation data not found ({libraryPath}, {casesPath}): pass --library and --cases");
            return 1;
        }

        BenchInput input;
        try
        {
            input = new BenchInput(BenchData.LoadLibrary(libraryPath), BenchData.LoadBusinesses(casesPath), TargetLibrarySize);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"cannot read the evaluation data: {ex.Message}");
            return 1;
        }

        if (input.Library.Count == 0 || input.Businesses.Count == 0)
        {
            Console.Error.WriteLine("the library and the cases must not be empty");
            return 1;
        }

        BenchInput.Current = input;
        var summaries = new List<Summary> { BenchmarkRunner.Run<RecommendationBenchmarks>(Config(input.Businesses.Count, rounds)) };
        if (coldRounds > 0)
        {
            summaries.Add(BenchmarkRunner.Run<ColdIndexBenchmarks>(Config(input.Businesses.Count, coldRounds)));
        }

        var cpu = ThreadCpuClock.IsAvailable ? CpuLatency.Measure(input, rounds, coldRounds) : [];
        return PrintTargets(summaries, cpu, input, libraryPath) ? 0 : 3;
    }

    /// <summary>
    /// One recommendation per iteration (invocation count 1), one warm-up pass over the cases, then
    /// <paramref name="rounds"/> measured passes. No outlier is removed: a p95 without its slow tail would flatter.
    /// In-process: the generated out-of-process project would not build under this repository's central package
    /// management, and the data is handed over in memory.
    /// </summary>
    private static IConfig Config(int cases, int rounds) =>
        DefaultConfig.Instance
            .AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithStrategy(RunStrategy.Throughput)
                .WithInvocationCount(1).WithUnrollFactor(1)
                .WithWarmupCount(cases)
                .WithIterationCount(cases * rounds)
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove))
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts")) // not the caller's folder
            .AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max)
            .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Millisecond));

    /// <summary>The figures next to the target, one line each, and as the last line the verdict on the target.</summary>
    private static bool PrintTargets(
        IReadOnlyList<Summary> summaries, IReadOnlyDictionary<string, (double P50, double P95)> cpu, BenchInput input, string libraryPath)
    {
        Console.WriteLine();
        Console.WriteLine($"advisor latency: {input.Businesses.Count} businesses, library {Path.GetFileName(libraryPath)} ({input.Library.Count} snapshots; scaled: copied to {TargetLibrarySize}); load average {LoadAverage()}");
        Console.WriteLine("wall-clock: BenchmarkDotNet, one recommendation per iteration; cpu: the same calls in thread CPU time (not waiting for a core)");
        Console.WriteLine($"{"benchmark",-42} {"n",5} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"cpu p50",8} {"cpu p95",8} {"target",8} {"p95/target",11} {"cpu p95/target",15}");
        string? verdict = null;
        foreach (var report in summaries.SelectMany(s => s.Reports))
        {
            var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            if (report.ResultStatistics is not { } stats)
            {
                Console.WriteLine($"{name,-42} failed: no measurements");
                continue;
            }

            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var p95 = stats.Percentiles.P95 / 1e6;
            var ratio = p95 / TargetP95Ms;
            var (cpu50, cpu95) = cpu.TryGetValue(method, out var c) ? c : (double.NaN, double.NaN);
            Console.WriteLine($"{name,-42} {stats.N,5} {Ms(stats.Percentiles.P50 / 1e6),8} {Ms(p95),8} {Ms(stats.Max / 1e6),8} {Ms(cpu50),8} {Ms(cpu95),8} "
                + $"{Ms(TargetP95Ms),8} {Ratio(ratio),11} {Ratio(cpu95 / TargetP95Ms),15}");
            if (method == nameof(RecommendationBenchmarks.ScaledLibrary))
            {
                verdict = $"p95_ms={Ms(p95)} cpu_p95_ms={Ms(cpu95)} target_ms={Ms(TargetP95Ms)} ratio={Ratio(ratio)} cpu_ratio={Ratio(cpu95 / TargetP95Ms)} "
                    + $"library={TargetLibrarySize} meets={(ratio < 1 ? "yes" : "no")}";
            }
        }

        // Last line, for scripts: the cached-index figure on 200 snapshots is what the target is about.
        Console.WriteLine(verdict ?? "p95_ms=? (the 200-snapshot benchmark did not run)");
        return verdict?.EndsWith("meets=yes", StringComparison.Ordinal) == true;
    }

    /// <summary>shared/advisor-eval/dev beside the repository (the folder holding Provisioner.sln), searched upwards.</summary>
    private static string? DefaultDevFolder()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Provisioner.sln")))
            {
                return Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", "advisor-eval", "dev");
            }
        }

        return null;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Ms(double value) => double.IsNaN(value) ? "-" : value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
