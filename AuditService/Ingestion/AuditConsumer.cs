using System.Text.Json;
using MassTransit;
using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Audits one message type. Registered once per discovered contract with <c>MakeGenericType</c>, so no type has
/// code of its own. The message is acknowledged only when its entry is committed.
/// </summary>
public sealed class AuditConsumer<T>(AuditWriter writer) : IConsumer<T> where T : class
{
    /// <summary>Entries whose message has no agency property are chained under this id; no caller's token carries it.</summary>
    public const string NoAgency = "-";

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>Whether <typeparamref name="T"/> can carry a secret-named property (decided once per type).</summary>
    private static readonly bool Redacting = SecretShapes.MayHoldSecrets(typeof(T));

    public async Task Consume(ConsumeContext<T> context)
    {
        var message = context.Message;

        var entry = new AuditEntry
        {
            MessageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(T).Name} arrived without a message id."),
            MessageType = typeof(T).FullName ?? typeof(T).Name,
            AgencyId = MessageConventions<T>.AgencyOf(message) ?? NoAgency,
            JobId = MessageConventions<T>.JobOf(message) ?? context.CorrelationId?.ToString("D"),
            Actor = MessageConventions<T>.ActorOf(message),
            OccurredAt = MessageConventions<T>.OccurredAtOf(message)
                ?? (context.SentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : DateTimeOffset.UtcNow),
            Payload = PayloadOf(message),
        };

        await writer.AppendAsync(entry, context.CancellationToken);
    }

    /// <summary>The message as JSON with secrets masked; straight to text when the type cannot hold any.</summary>
    private static string PayloadOf(T message)
    {
        if (!Redacting)
        {
            return JsonSerializer.Serialize(message, PayloadJson);
        }

        var payload = JsonSerializer.SerializeToNode(message, PayloadJson);
        PayloadRedactor.Redact(payload);
        return payload?.ToJsonString(PayloadJson) ?? "null";
    }
}
