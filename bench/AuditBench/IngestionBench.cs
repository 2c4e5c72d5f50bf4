using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Ingestion;
using Provisioner.TestSupport;

namespace Provisioner.Bench.AuditBench;

/// <summary>
/// One run: a throwaway database and RabbitMQ virtual host, the service started in-process, a warm-up burst, then the
/// measured burst from a publisher bus of its own (its own connection), then the database checked: every event stored
/// once and every agency's chain verified.
/// </summary>
internal sealed partial class IngestionBench(BenchSettings settings)
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
                    host = new BenchHost(hostSettings, recorder);
                    if (await PhasedAsync(buses, host, recorder, runId, ct) is not { } phased)
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

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
