using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Provisioner.AuditService.Data;
using Provisioner.AuditService.Ingestion;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Provisioner.Bench.AuditBench;

/// <summary>
/// <c>--phased --raw-drain</c>: a prototype, in the bench only, of the lever the measurements point at — draining the
/// audit queue with RabbitMQ.Client directly instead of MassTransit's per-message receive/consume pipeline. It reads
/// MassTransit's JSON envelope (messageId, messageType, sentTime, correlationId, message), builds the entry as
/// <see cref="AuditConsumer{T}"/> does (same conventions and redaction), hands it to the service's own
/// <see cref="AuditWriter"/> and acknowledges deliveries with one <c>multiple</c> ack per committed stretch. It is not
/// the service's code path: no retries, no error queue, only the bench's event types.
/// </summary>
internal sealed class RawDrain(AuditWriter writer, IEnumerable<Type> messageTypes, int prefetch)
{
    private static readonly JsonSerializerOptions EnvelopeJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Func<JsonElement, Guid, Guid?, DateTime?, AuditEntry>> builders = messageTypes.ToDictionary(
        t => $"urn:message:{t.Namespace}:{t.Name}",
        t => typeof(RawDrain).GetMethod(nameof(Build), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(t)
            .CreateDelegate<Func<JsonElement, Guid, Guid?, DateTime?, AuditEntry>>());

    /// <summary>Consumes <paramref name="queue"/> until <paramref name="count"/> entries are stored; returns first and last stored timestamps.</summary>
    public async Task<(long First, long Last)> RunAsync(Uri amqp, string queue, int count, TimeSpan timeout, CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await channel.BasicQosAsync(0, (ushort)Math.Min(prefetch, ushort.MaxValue), false, ct);

        var acker = new Acker(channel);
        var ackLoop = acker.RunAsync(ct);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long first = 0, last = 0;
        var stored = 0;

        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var tag = delivery.DeliveryTag;
            AuditEntry entry;
            using (var envelope = JsonDocument.Parse(delivery.Body))
            {
                var root = envelope.RootElement;
                var urn = root.GetProperty("messageType")[0].GetString()!;
                entry = builders[urn](
                    root.GetProperty("message"),
                    root.GetProperty("messageId").GetGuid(),
                    root.TryGetProperty("correlationId", out var c) && c.ValueKind == JsonValueKind.String ? c.GetGuid() : null,
                    root.TryGetProperty("sentTime", out var s) && s.ValueKind == JsonValueKind.String ? s.GetDateTime() : null);
            }

            // Not awaited here: the dispatcher goes on to the next delivery; the ack follows the commit.
            _ = writer.AppendAsync(entry, ct).ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        var now = Stopwatch.GetTimestamp();
                        Interlocked.CompareExchange(ref first, now, 0);
                        Volatile.Write(ref last, now);
                        acker.Completed(tag);
                        if (Interlocked.Increment(ref stored) == count)
                        {
                            done.TrySetResult();
                        }
                    }
                    else
                    {
                        done.TrySetException(t.Exception is { } error ? error : new InvalidOperationException("append cancelled"));
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return Task.CompletedTask;
        };

        await channel.BasicConsumeAsync(queue, autoAck: false, consumer, ct);
        await done.Task.WaitAsync(timeout, ct);
        acker.Stop();
        await ackLoop;
        return (first, last);
    }

    private static AuditEntry Build<T>(JsonElement element, Guid messageId, Guid? correlationId, DateTime? sentTime) where T : class
    {
        var message = element.Deserialize<T>(EnvelopeJson) ?? throw new InvalidOperationException("empty message");
        return new AuditEntry
        {
            MessageId = messageId,
            MessageType = typeof(T).FullName ?? typeof(T).Name,
            AgencyId = MessageConventions<T>.AgencyOf(message) ?? AuditConsumer<T>.NoAgency,
            JobId = MessageConventions<T>.JobOf(message) ?? correlationId?.ToString("D"),
            Actor = MessageConventions<T>.ActorOf(message),
            OccurredAt = MessageConventions<T>.OccurredAtOf(message)
                ?? (sentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : DateTimeOffset.UtcNow),
            Payload = PayloadOf(message),
        };
    }

    private static string PayloadOf<T>(T message)
    {
        if (!SecretShapes.MayHoldSecrets(typeof(T)))
        {
            return JsonSerializer.Serialize(message, PayloadJson);
        }

        var payload = JsonSerializer.SerializeToNode(message, PayloadJson);
        PayloadRedactor.Redact(payload);
        return payload?.ToJsonString(PayloadJson) ?? "null";
    }

    /// <summary>
    /// Acknowledges with <c>multiple: true</c> up to the highest tag below which every delivery is stored, one ack at a
    /// time (a lower multiple-ack after a higher one would name an unknown tag and close the channel).
    /// </summary>
    private sealed class Acker(IChannel channel)
    {
        private readonly SortedSet<ulong> completed = [];
        private readonly BlockingCollection<ulong> upTo = [];
        private ulong acked;

        public void Completed(ulong tag)
        {
            lock (completed)
            {
                completed.Add(tag);
                var next = acked;
                while (completed.Count > 0 && completed.Min == next + 1)
                {
                    next = completed.Min;
                    completed.Remove(next);
                }

                if (next > acked)
                {
                    acked = next;
                    upTo.Add(next);
                }
            }
        }

        public void Stop() => upTo.CompleteAdding();

        public Task RunAsync(CancellationToken ct) => Task.Run(
            async () =>
            {
                foreach (var tag in upTo.GetConsumingEnumerable(ct))
                {
                    // Skip to the newest watermark: one ack covers every earlier one.
                    var latest = tag;
                    while (upTo.TryTake(out var newer))
                    {
                        latest = newer;
                    }

                    await channel.BasicAckAsync(latest, multiple: true, ct);
                }
            },
            ct);
    }
}
