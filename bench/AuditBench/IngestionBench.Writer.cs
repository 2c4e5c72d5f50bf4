using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Ingestion;

namespace Provisioner.Bench.AuditBench;

/// <summary><c>--writer-only</c>: the storage path alone, entries handed straight to the service's writer.</summary>
internal sealed partial class IngestionBench
{
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
}
