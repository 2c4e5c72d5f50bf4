using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.AuditService.Chain;

namespace Provisioner.Bench.AuditBench;

/// <summary>The run's read-back (every event stored once, every chain intact) and its result lines.</summary>
internal sealed partial class IngestionBench
{
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
            $"audit_phased events={r.Events} agencies={settings.Agencies} publishers={settings.Publishers} publish_per_s={r.Events / r.Publishing.TotalSeconds:0} "
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
