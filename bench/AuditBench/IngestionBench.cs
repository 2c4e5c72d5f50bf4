using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.AuditService.Chain;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Ingestion;
using Provisioner.TestSupport;

namespace Provisioner.Bench.AuditBench;

/// <summary>
/// One run: a throwaway database and RabbitMQ virtual host, the service started in-process, a warm-up burst, then the
/// measured burst from a publisher bus of its own (its own connection), then the database checked: every event stored
/// once and every agency's chain verified.
/// </summary>
internal sealed class IngestionBench(BenchSettings settings)
{
    /// <summary>Issue 10, scenario 4: "events/s persisted with the hash chain (target ≥ 5,000/s on this 2-core machine)".</summary>
    private const double TargetPerSecond = 5_000;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        TestDatabase database;
        TestVirtualHost broker;
        try
        {
            database = await TestDatabase.CreateAsync("auditbench");
            broker = await TestVirtualHost.CreateAsync("auditbench");
        }
        catch (Exception error) when (error is InvalidOperationException or NpgsqlException or HttpRequestException)
        {
            Console.Error.WriteLine($"cannot prepare PostgreSQL/RabbitMQ: {error.Message}");
            return 1;
        }

        await using (database)
        await using (broker)
        {
            var recorder = new StoredRecorder();
            var hostSettings = HostSettings(database, broker);
            var host = new BenchHost(hostSettings, recorder);
            _ = host.Services; // starts the service: migrations, writer, bus with its queue and bindings

            // Each publisher bus has its own connection (and broker channel process), to see whether one channel bounds
            // publishing; measured, it does not (bench/AuditBench/README.md).
            var buses = Enumerable.Range(0, settings.Publishers)
                .Select(_ => Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(broker.AmqpUri)))
                .ToArray();
            foreach (var publisher in buses)
            {
                await publisher.StartAsync(ct);
            }
            try
            {
                if (settings.Warmup > 0 && await BurstAsync(buses, recorder, "warm", settings.Warmup, ct) is null)
                {
                    return 1;
                }

                var runId = Guid.NewGuid().ToString("N")[..8];
                if (settings.Phased)
                {
                    // The queue is durable and keeps its bindings: with the service stopped the burst waits in it.
                    await host.DisposeAsync();
                    if (settings.RawDrain)
                    {
                        // The restarted service's MassTransit endpoint gets a queue of its own (empty): the prototype
                        // drains audit-log, handing entries to the service's writer.
                        hostSettings["AuditIngestionOptions:QueueName"] = "audit-log-idle";
                    }

                    host = new BenchHost(hostSettings, recorder);
                    if (await PhasedAsync(buses, host, recorder, broker.AmqpUri, runId, ct) is not { } phased)
                    {
                        return 1;
                    }

                    return ReportPhased(phased, await CheckAsync(host, database.ConnectionString, runId, ct));
                }

                var burst = settings.WriterOnly
                    ? WriterBurstAsync(host.Services.GetRequiredService<AuditWriter>(), runId, ct)
                    : BurstAsync(buses, recorder, runId, settings.Events, ct);
                if (await burst is not { } result)
                {
                    return 1;
                }

                var check = await CheckAsync(host, database.ConnectionString, runId, ct);
                return Report(result, check);
            }
            finally
            {
                foreach (var publisher in buses)
                {
                    await publisher.StopAsync(CancellationToken.None);
                }

                await host.DisposeAsync();
            }
        }
    }

    private Dictionary<string, string?> HostSettings(TestDatabase database, TestVirtualHost broker)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:auditdb"] = database.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = broker.AmqpUri.ToString(),
            ["AuditRetentionOptions:ArchiveAfterDays"] = "0",
            ["Logging:LogLevel:Default"] = "Warning",
            // The migrator's first look for the history table fails by design on an empty database; EF logs it as an error.
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "None",
        };
        if (settings.BatchSize is { } size)
        {
            values["AuditIngestionOptions:BatchSize"] = size.ToString(CultureInfo.InvariantCulture);
        }

        if (settings.MaxInFlight is { } inFlight)
        {
            values["AuditIngestionOptions:MaxInFlight"] = inFlight.ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>Publishes <paramref name="count"/> events as fast as the broker confirms them and waits until all are stored.</summary>
    private async Task<BurstResult?> BurstAsync(IBus[] bus, StoredRecorder recorder, string runId, int count, CancellationToken ct)
    {
        // Built before the clock starts: the bench measures the bus and the service, not message construction.
        var now = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(0, count).Select(i => SagaEvents.Create(i, settings.Agencies, runId, now)).ToArray();
        var ids = Enumerable.Range(0, count).Select(_ => NewId.NextGuid()).ToArray();
        var run = recorder.Track(ids);

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var serversBefore = ServerCpu.Sample();
        var started = Stopwatch.GetTimestamp();
        await PublishAllAsync(bus, messages, ids, run, ct);
        var published = Stopwatch.GetTimestamp();

        if (await Task.WhenAny(run.AllStored, Task.Delay(settings.Timeout, ct)) != run.AllStored)
        {
            Console.Error.WriteLine($"{runId}: only {run.StoredCount} of {count} events stored within {settings.Timeout.TotalSeconds:0} s");
            return null;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var servers = ServerCpu.Sample() - serversBefore;
        var lastStored = run.StoredAt.Max();
        var lags = run.StoredAt.Select((s, i) => Stopwatch.GetElapsedTime(run.PublishedAt[i], s).TotalMilliseconds).Order().ToArray();
        return new BurstResult(
            count,
            Stopwatch.GetElapsedTime(started, published),
            Stopwatch.GetElapsedTime(started, lastStored),
            Percentile(lags, 0.50),
            Percentile(lags, 0.99),
            lags[^1],
            cpu,
            run.Faults,
            servers);
    }

    /// <summary>
    /// <c>--publish-window</c> publishes awaiting the broker's confirm at once, spread round-robin over the
    /// <c>--publishers</c> buses, each stamped just before it starts.
    /// </summary>
    private Task PublishAllAsync(IBus[] bus, object[] messages, Guid[] ids, StoredRecorder.Run run, CancellationToken ct) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, messages.Length),
            new ParallelOptions { MaxDegreeOfParallelism = settings.PublishWindow, CancellationToken = ct },
            async (i, token) =>
            {
                run.PublishedAt[i] = Stopwatch.GetTimestamp();
                await bus[i % bus.Length].Publish(messages[i], messages[i].GetType(), context => context.MessageId = ids[i], token);
            });

    /// <summary>
    /// <c>--phased</c>: the burst is published while the service is stopped (the publisher alone on the CPU, into the
    /// durable queue), then the service is started and drains it (the ingestion alone): each side's own rate and CPU,
    /// which the concurrent run mixes. The drain rate is timed from the first to the last stored event, so the
    /// service's start-up is left out; its CPU figures include that start-up.
    /// </summary>
    private async Task<PhasedResult?> PhasedAsync(IBus[] bus, BenchHost host, StoredRecorder recorder, Uri amqp, string runId, CancellationToken ct)
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
        long firstStored, lastStored;
        if (settings.RawDrain)
        {
            var types = messages.Select(m => m.GetType()).Distinct();
            var drain = new RawDrain(host.Services.GetRequiredService<AuditWriter>(), types, settings.MaxInFlight ?? 2_000);
            try
            {
                (firstStored, lastStored) = await drain.RunAsync(amqp, "audit-log", count, settings.Timeout, ct);
            }
            catch (TimeoutException)
            {
                Console.Error.WriteLine($"{runId}: not every event stored by the raw drain within {settings.Timeout.TotalSeconds:0} s");
                return null;
            }
        }
        else
        {
            if (await Task.WhenAny(run.AllStored, Task.Delay(settings.Timeout, ct)) != run.AllStored)
            {
                Console.Error.WriteLine($"{runId}: only {run.StoredCount} of {count} events stored within {settings.Timeout.TotalSeconds:0} s");
                return null;
            }

            (firstStored, lastStored) = (run.StoredAt.Min(), run.StoredAt.Max());
        }

        process.Refresh();
        var cpu2 = process.TotalProcessorTime;
        var servers2 = ServerCpu.Sample();
        var draining = TimeSpan.FromTicks((long)((lastStored - firstStored) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));
        return new PhasedResult(
            count, publishing, cpu1 - cpu0, servers1 - servers0, startUp, draining, cpu2 - cpu1, servers2 - servers1, run.Faults);
    }

    /// <summary>
    /// The same events as audit entries (payload serialised as the consumer does) handed straight to the writer with
    /// <c>--publish-window</c> appends in flight: what the storage path (batching, jsonb normalisation, hash chain, COPY)
    /// sustains without RabbitMQ and MassTransit in front of it.
    /// </summary>
    private async Task<BurstResult?> WriterBurstAsync(AuditWriter writer, string runId, CancellationToken ct)
    {
        var count = settings.Events;
        var now = DateTimeOffset.UtcNow;
        var entries = Enumerable.Range(0, count).Select(i =>
        {
            var message = SagaEvents.Create(i, settings.Agencies, runId, now);
            var (job, agency) = SagaEvents.Owner(i, settings.Agencies, runId);
            return new AuditEntry
            {
                MessageId = NewId.NextGuid(),
                AgencyId = agency,
                MessageType = message.GetType().FullName!,
                JobId = job.ToString("D"),
                OccurredAt = now,
                Payload = JsonSerializer.Serialize(message, message.GetType(), PayloadJson),
            };
        }).ToArray();
        var publishedAt = new long[count];
        var storedAt = new long[count];

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var serversBefore = ServerCpu.Sample();
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = settings.PublishWindow, CancellationToken = ct },
            async (i, token) =>
            {
                publishedAt[i] = Stopwatch.GetTimestamp();
                await writer.AppendAsync(entries[i], token);
                storedAt[i] = Stopwatch.GetTimestamp();
            });
        var lastStored = storedAt.Max();

        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var lags = storedAt.Select((s, i) => Stopwatch.GetElapsedTime(publishedAt[i], s).TotalMilliseconds).Order().ToArray();
        var elapsed = Stopwatch.GetElapsedTime(started, lastStored);
        return new BurstResult(count, elapsed, elapsed, Percentile(lags, 0.50), Percentile(lags, 0.99), lags[^1], cpu, 0, ServerCpu.Sample() - serversBefore);
    }

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>
    /// Reads back what the run stored: rows, batches (the writer stamps one received_at per batch) and each chain.
    /// </summary>
    private async Task<StoreCheck> CheckAsync(BenchHost host, string connectionString, string runId, CancellationToken ct)
    {
        var prefix = SagaEvents.AgencyId(runId, 0)[..^1];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*)::bigint, sum(n)::bigint, max(n)::bigint FROM " +
            "(SELECT count(*) AS n FROM audit_entries WHERE starts_with(agency_id, $1) GROUP BY received_at) b",
            connection) { Parameters = { new() { Value = prefix } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var batches = reader.GetInt64(0);
        var rows = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
        var largest = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);

        var verifier = host.Services.GetRequiredService<ChainVerifier>();
        var broken = new List<string>();
        for (var a = 0; a < settings.Agencies; a++)
        {
            var agency = SagaEvents.AgencyId(runId, a);
            var result = await verifier.VerifyAsync(agency, ct);
            if (!result.Ok)
            {
                broken.Add($"{agency}: {result.Reason ?? result.FirstBrokenId?.ToString()}");
            }
        }

        return new StoreCheck(rows, batches, largest, broken);
    }

    /// <summary>Every event stored once with intact chains; otherwise says what is wrong on stderr.</summary>
    private static bool StoredEveryEventOnce(StoreCheck check, int events)
    {
        foreach (var problem in check.Broken)
        {
            Console.Error.WriteLine($"chain broken: {problem}");
        }

        if (check.Rows != events)
        {
            Console.Error.WriteLine($"{check.Rows} rows stored for {events} events");
        }

        return check.Rows == events && check.Broken.Count == 0;
    }

    private int Report(BurstResult r, StoreCheck check)
    {
        var perSecond = r.Events / r.ToAllStored.TotalSeconds;
        var ratio = perSecond / TargetPerSecond;
        var ok = StoredEveryEventOnce(check, r.Events);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(settings.WriterOnly ? "audit_writer" : "audit_ingest")} events={r.Events} agencies={settings.Agencies} publishers={settings.Publishers} publish_per_s={r.Events / r.Publishing.TotalSeconds:0} "
            + $"stored_s={r.ToAllStored.TotalSeconds:0.00} p50_lag_ms={r.P50LagMs:0} p99_lag_ms={r.P99LagMs:0} max_lag_ms={r.MaxLagMs:0} "
            + $"batches={check.Batches} batch_avg={(check.Batches == 0 ? 0 : (double)check.Rows / check.Batches):0} batch_max={check.LargestBatch} "
            + $"faults={r.Faults} cpu_ms_per_1k={r.Cpu.TotalMilliseconds * 1000 / r.Events:0} "
            + $"pg_cpu_ms_per_1k={PerThousand(r.Servers.PostgresMs, r.Events)} rmq_cpu_ms_per_1k={PerThousand(r.Servers.RabbitMqMs, r.Events)} "
            + $"load1={LoadAverage()} "
            + $"chains={(ok ? "ok" : "BROKEN")} "
            + $"persisted_per_s={perSecond:0} target_per_s={TargetPerSecond:0} ratio={ratio:0.00}"));
        return !ok ? 2 : ratio >= 1 ? 0 : 3;
    }

    private int ReportPhased(PhasedResult r, StoreCheck check)
    {
        var perSecond = r.Events / r.Draining.TotalSeconds;
        var ratio = perSecond / TargetPerSecond;
        var ok = StoredEveryEventOnce(check, r.Events);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"audit_phased{(settings.RawDrain ? "_raw" : "")} events={r.Events} agencies={settings.Agencies} publishers={settings.Publishers} publish_per_s={r.Events / r.Publishing.TotalSeconds:0} "
            + $"publish_cpu_ms_per_1k={r.PublishCpu.TotalMilliseconds * 1000 / r.Events:0} "
            + $"publish_rmq_cpu_ms_per_1k={PerThousand(r.PublishServers.RabbitMqMs, r.Events)} "
            + $"service_start_s={r.StartUp.TotalSeconds:0.00} drain_s={r.Draining.TotalSeconds:0.00} "
            + $"drain_cpu_ms_per_1k={r.DrainCpu.TotalMilliseconds * 1000 / r.Events:0} "
            + $"drain_pg_cpu_ms_per_1k={PerThousand(r.DrainServers.PostgresMs, r.Events)} "
            + $"drain_rmq_cpu_ms_per_1k={PerThousand(r.DrainServers.RabbitMqMs, r.Events)} "
            + $"batches={check.Batches} batch_avg={(check.Batches == 0 ? 0 : (double)check.Rows / check.Batches):0} batch_max={check.LargestBatch} "
            + $"faults={r.Faults} load1={LoadAverage()} chains={(ok ? "ok" : "BROKEN")} "
            + $"drain_per_s={perSecond:0} target_per_s={TargetPerSecond:0} ratio={ratio:0.00}"));
        return !ok ? 2 : ratio >= 1 ? 0 : 3;
    }

    private static string PerThousand(double? ms, int events) =>
        ms is { } value ? (value * 1000 / events).ToString("0", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>
    /// The 1-minute load average when the run ended (Linux): on a shared 2-core machine it says how much of the CPU the
    /// bench, RabbitMQ and PostgreSQL actually had, so a figure can be read in context.
    /// </summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private sealed record BurstResult(
        int Events, TimeSpan Publishing, TimeSpan ToAllStored, double P50LagMs, double P99LagMs, double MaxLagMs, TimeSpan Cpu, int Faults,
        ServerCpuSample Servers);

    private sealed record PhasedResult(
        int Events, TimeSpan Publishing, TimeSpan PublishCpu, ServerCpuSample PublishServers, TimeSpan StartUp, TimeSpan Draining,
        TimeSpan DrainCpu, ServerCpuSample DrainServers, int Faults);

    private sealed record StoreCheck(long Rows, long Batches, long LargestBatch, List<string> Broken);
}
