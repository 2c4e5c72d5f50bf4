using System.CommandLine;

namespace Provisioner.Bench.AuditBench;

/// <summary>audit-bench: issue 10's scenario 4, audit ingestion of a burst of saga events, against 5,000 events/s.</summary>
internal static class BenchCommand
{
    public static RootCommand Create()
    {
        var events = new Option<int>("--events") { Description = "events measured", DefaultValueFactory = _ => 50_000 };
        var warmup = new Option<int>("--warmup") { Description = "events published and stored first, not measured", DefaultValueFactory = _ => 2_000 };
        var agencies = new Option<int>("--agencies") { Description = "agencies the jobs are spread over (one hash chain each)", DefaultValueFactory = _ => 10 };
        var window = new Option<int>("--publish-window") { Description = "publishes awaiting the broker's confirm at once", DefaultValueFactory = _ => 256 };
        var publishers = new Option<int>("--publishers") { Description = "publisher buses (one connection each), published to round-robin", DefaultValueFactory = _ => 1 };
        var batchSize = new Option<int?>("--batch-size") { Description = "AuditIngestionOptions:BatchSize (default: the service's)" };
        var maxInFlight = new Option<int?>("--max-in-flight") { Description = "AuditIngestionOptions:MaxInFlight (default: the service's)" };
        var writerOnly = new Option<bool>("--writer-only")
        {
            Description = "hand the measured entries straight to the service's AuditWriter (no RabbitMQ, no consumer): the storage path's own rate",
        };
        var phased = new Option<bool>("--phased")
        {
            Description = "publish the whole burst with the service stopped, then start it and time the drain: publisher and ingestion each alone",
        };
        var timeout = new Option<int>("--timeout") { Description = "seconds to wait for every event to be stored", DefaultValueFactory = _ => 600 };
        events.Validators.Add(r => { if (r.GetValue(events) is < 1 or > 10_000_000) r.AddError("--events must be 1..10000000"); });
        warmup.Validators.Add(r => { if (r.GetValue(warmup) is < 0 or > 1_000_000) r.AddError("--warmup must be 0..1000000"); });
        agencies.Validators.Add(r => { if (r.GetValue(agencies) is < 1 or > 10_000) r.AddError("--agencies must be 1..10000"); });
        window.Validators.Add(r => { if (r.GetValue(window) is < 1 or > 100_000) r.AddError("--publish-window must be 1..100000"); });
        publishers.Validators.Add(r => { if (r.GetValue(publishers) is < 1 or > 64) r.AddError("--publishers must be 1..64"); });
        timeout.Validators.Add(r => { if (r.GetValue(timeout) < 1) r.AddError("--timeout must be at least 1"); });

        var root = new RootCommand(
            "Publishes saga events to a real AuditService (in-process, on the local PostgreSQL and RabbitMQ) as fast as the "
            + "broker takes them; prints events/s stored with the hash chain and the publish-to-stored lag, next to 5,000/s.")
        {
            events, warmup, agencies, window, publishers, batchSize, maxInFlight, writerOnly, phased, timeout,
        };
        root.Validators.Add(r =>
        {
            if (r.GetValue(writerOnly) && r.GetValue(phased))
            {
                r.AddError("--writer-only and --phased exclude each other");
            }
        });
        root.SetAction((parse, ct) => new IngestionBench(new BenchSettings(
            parse.GetValue(events), parse.GetValue(warmup), parse.GetValue(agencies), parse.GetValue(window), parse.GetValue(publishers),
            parse.GetValue(batchSize), parse.GetValue(maxInFlight), parse.GetValue(writerOnly), parse.GetValue(phased),
            TimeSpan.FromSeconds(parse.GetValue(timeout)))).RunAsync(ct));
        return root;
    }
}

internal sealed record BenchSettings(
    int Events, int Warmup, int Agencies, int PublishWindow, int Publishers, int? BatchSize, int? MaxInFlight, bool WriterOnly, bool Phased, TimeSpan Timeout);
