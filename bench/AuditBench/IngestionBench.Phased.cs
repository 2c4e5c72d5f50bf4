using System.Diagnostics;
using MassTransit;

namespace Provisioner.Bench.AuditBench;

/// <summary><c>--phased</c>: the burst published with the service stopped, then drained by the restarted service.</summary>
internal sealed partial class IngestionBench
{
    /// <summary>
    /// <c>--phased</c>: the burst is published while the service is stopped (the publisher alone on the CPU, into the
    /// durable queue), then the service is started and drains it (the ingestion alone): each side's own rate and CPU,
    /// which the concurrent run mixes. The drain rate is timed from the first to the last stored event, so the
    /// service's start-up is left out; its CPU figures include that start-up.
    /// </summary>
    private async Task<PhasedResult?> PhasedAsync(IBus[] bus, BenchHost host, StoredRecorder recorder, string runId, CancellationToken ct)
    {
        var count = settings.Events;
        var now = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(0, count).Select(i => SagaEvents.Create(i, settings.Agencies, runId, now)).ToArray();
        var ids = Enumerable.Range(0, count).Select(_ => NewId.NextGuid()).ToArray();
        var run = recorder.Track(ids);

        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var servers0 = ServerCpu.Sample();
        var started = Stopwatch.GetTimestamp();
        await PublishAllAsync(bus, messages, ids, run, ct);
        var publishing = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var cpu1 = process.TotalProcessorTime;
        var servers1 = ServerCpu.Sample();

        // On stderr, so a profiler can be attached to the drain alone (the result line stays the last on stdout).
        Console.Error.WriteLine($"{runId}: {count} events published in {publishing.TotalSeconds:0.0} s; starting the service to drain them");
        var startingService = Stopwatch.GetTimestamp();
        _ = host.Services;
        var startUp = Stopwatch.GetElapsedTime(startingService);
        if (await Task.WhenAny(run.AllStored, Task.Delay(settings.Timeout, ct)) != run.AllStored)
        {
            Console.Error.WriteLine($"{runId}: only {run.StoredCount} of {count} events stored within {settings.Timeout.TotalSeconds:0} s");
            return null;
        }

        var (firstStored, lastStored) = (run.StoredAt.Min(), run.StoredAt.Max());

        process.Refresh();
        var cpu2 = process.TotalProcessorTime;
        var servers2 = ServerCpu.Sample();
        var draining = TimeSpan.FromTicks((long)((lastStored - firstStored) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        return new PhasedResult(
            count, publishing, cpu1 - cpu0, servers1 - servers0, startUp, draining, cpu2 - cpu1, servers2 - servers1, run.Faults);
    }

}
