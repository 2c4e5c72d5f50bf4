using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Provisioner.SnapshotAdvisor.Ranking;

namespace Provisioner.Bench.AdvisorEval;

/// <summary>advisor-eval: accuracy and latency of the snapshot advisor on a labelled case file.</summary>
internal static class EvalCommand
{
    internal const int ModelUnavailableExitCode = 2;
    private const int ScaledLibrarySize = 200;
    private const int LatencyRounds = 10;

    public static RootCommand Create()
    {
        var library = new Option<FileInfo>("--library") { Description = "library.json: the agency's snapshots", Required = true }.AcceptExistingOnly();
        var cases = new Option<FileInfo>("--cases") { Description = "cases.jsonl: labelled client intakes", Required = true }.AcceptExistingOnly();
        var mode = new Option<string>("--mode") { Description = "local (default) or model", DefaultValueFactory = _ => "local" };
        mode.AcceptOnlyFromAmong("local", "model");

        var root = new RootCommand("Evaluates the snapshot advisor: top-1/top-3 accuracy per difficulty and latency.") { library, cases, mode };
        root.SetAction(parse => Run(parse.GetValue(library)!, parse.GetValue(cases)!, parse.GetValue(mode)!, Console.Out, Console.Error));
        return root;
    }

    private static int Run(FileInfo libraryFile, FileInfo casesFile, string mode, TextWriter output, TextWriter error)
    {
        if (mode == "model")
        {
            // The model path (Semantic Kernel) is not part of this build; say so rather than silently run local.
            error.WriteLine("model mode needs a configured chat model");
            return ModelUnavailableExitCode;
        }

        IReadOnlyList<SnapshotCandidate> library;
        IReadOnlyList<EvalCase> cases;
        try
        {
            library = EvalData.LoadLibrary(libraryFile);
            cases = EvalData.LoadCases(casesFile);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or System.Text.Json.JsonException)
        {
            error.WriteLine($"cannot read the evaluation data: {ex.Message}");
            return 1;
        }

        var ranker = new SnapshotRanker(new SnapshotRankerOptions());
        var built = Stopwatch.GetTimestamp();
        var index = ranker.BuildIndex(library);
        var buildMs = Stopwatch.GetElapsedTime(built).TotalMilliseconds;

        output.WriteLine($"library: {libraryFile.Name} ({library.Count} snapshots, {index.StarterCount} generic starter(s))");
        output.WriteLine($"cases:   {casesFile.Name} ({cases.Count})   mode: local");
        output.WriteLine();
        var outcomes = Evaluation.Run(ranker, index, cases);
        Report.Accuracy(output, outcomes);
        Report.Misses(output, outcomes, library);

        output.WriteLine();
        var (p50, p95, cpu) = Evaluation.Latency(ranker, index, cases, LatencyRounds);
        output.WriteLine($"latency per recommendation, {library.Count} snapshots: p50={Ms(p50)} ms p95={Ms(p95)} ms cpu-mean={Ms(cpu)} ms (index build {Ms(buildMs)} ms, includes JIT)");
        var scaled = Evaluation.Grow(library, ScaledLibrarySize);
        built = Stopwatch.GetTimestamp();
        var scaledIndex = ranker.BuildIndex(scaled);
        buildMs = Stopwatch.GetElapsedTime(built).TotalMilliseconds;
        (p50, p95, cpu) = Evaluation.Latency(ranker, scaledIndex, cases, LatencyRounds);
        output.WriteLine($"latency per recommendation, {scaled.Count} snapshots (library copied to size): p50={Ms(p50)} ms p95={Ms(p95)} ms cpu-mean={Ms(cpu)} ms (index build {Ms(buildMs)} ms)");
        output.WriteLine($"machine load average: {LoadAverage()} (wall-clock figures stretch when other jobs share the cores)");
        output.WriteLine(Report.Closing(outcomes));
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
