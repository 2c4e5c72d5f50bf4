using System.Reflection;
using System.Text.Json;
using Provisioner.AuditService.Data;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// Turns a received envelope into an audit entry: finds the audited contract its message type names, deserialises the
/// message as MassTransit would, and reads agency, job, actor and time by the property conventions. One builder per
/// discovered type, made once with <c>MakeGenericMethod</c>, so no type has code of its own.
/// </summary>
public sealed class AuditEntryFactory
{
    /// <summary>Entries whose message has no agency property are chained under this id; no caller's token carries it.</summary>
    public const string NoAgency = "-";

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private static readonly MethodInfo BuildMethod =
        typeof(AuditEntryFactory).GetMethod(nameof(Build), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Dictionary<string, Func<MessageEnvelope, AuditEntry>> builders;

    public AuditEntryFactory(IReadOnlyList<Type> auditedTypes)
    {
        AuditedTypes = auditedTypes;
        builders = auditedTypes.ToDictionary(
            MessageNames.UrnOf,
            t => BuildMethod.MakeGenericMethod(t).CreateDelegate<Func<MessageEnvelope, AuditEntry>>(),
            StringComparer.Ordinal);
    }

    public IReadOnlyList<Type> AuditedTypes { get; }

    /// <summary>
    /// The entry for the first of the envelope's message types that is audited (MassTransit lists the concrete type
    /// first, then its interfaces and bases); null when none is.
    /// </summary>
    /// <exception cref="JsonException">The message does not deserialise into the type it names.</exception>
    public AuditEntry? Create(MessageEnvelope envelope)
    {
        foreach (var urn in envelope.MessageTypes)
        {
            if (builders.TryGetValue(urn, out var build))
            {
                return build(envelope);
            }
        }

        return null;
    }

    /// <summary>The entry of a message already in hand (the envelope's headers given separately).</summary>
    public static AuditEntry Create<T>(T message, Guid messageId, Guid? correlationId, DateTime? sentTime) where T : class => new()
    {
        MessageId = messageId,
        MessageType = typeof(T).FullName ?? typeof(T).Name,
        AgencyId = MessageConventions<T>.AgencyOf(message) ?? NoAgency,
        JobId = MessageConventions<T>.JobOf(message) ?? correlationId?.ToString("D"),
        Actor = MessageConventions<T>.ActorOf(message),
        OccurredAt = MessageConventions<T>.OccurredAtOf(message)
            ?? (sentTime is { } sent ? new DateTimeOffset(DateTime.SpecifyKind(sent, DateTimeKind.Utc)) : DateTimeOffset.UtcNow),
        Payload = Payloads<T>.Of(message),
    };

    private static AuditEntry Build<T>(MessageEnvelope envelope) where T : class
    {
        var message = envelope.Message.Deserialize<T>(MessageEnvelope.MessageJson)
            ?? throw new JsonException($"The message of a {typeof(T).Name} envelope is null.");
        return Create(message, envelope.MessageId, envelope.CorrelationId, envelope.SentTime);
    }

    /// <summary>The message as JSON with secrets masked; straight to text when the type cannot hold any.</summary>
    private static class Payloads<T>
    {
        /// <summary>Whether <typeparamref name="T"/> can carry a secret-named property (decided once per type).</summary>
        private static readonly bool Redacting = SecretShapes.MayHoldSecrets(typeof(T));

        public static string Of(T message)
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
}
