using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.AuditService.Ingestion;

/// <summary>
/// MassTransit's JSON envelope (<c>application/vnd.masstransit+json</c>): messageId, correlationId, sentTime,
/// messageType (<c>["urn:message:Ns:Type", ...]</c>) and the message itself, read without MassTransit. Holds the parsed
/// document, so dispose it once the entry is built.
/// </summary>
public sealed class MessageEnvelope : IDisposable
{
    /// <summary>
    /// Reads a message the way MassTransit's System.Text.Json serializer does: camelCase, case-insensitive names, enums
    /// as names or numbers, fields, trailing commas and comments tolerated.
    /// </summary>
    public static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        IncludeFields = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly JsonDocument document;

    private MessageEnvelope(JsonDocument document, Guid messageId, Guid? correlationId, DateTime? sentTime, string[] messageTypes, JsonElement message)
    {
        this.document = document;
        MessageId = messageId;
        CorrelationId = correlationId;
        SentTime = sentTime;
        MessageTypes = messageTypes;
        Message = message;
    }

    public Guid MessageId { get; }

    public Guid? CorrelationId { get; }

    public DateTime? SentTime { get; }

    public IReadOnlyList<string> MessageTypes { get; }

    public JsonElement Message { get; }

    /// <summary>
    /// Parses <paramref name="body"/>; on failure <paramref name="problem"/> says what is wrong, without quoting the body
    /// (it may hold secrets).
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> body, out MessageEnvelope? envelope, out string? problem)
    {
        envelope = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException error)
        {
            problem = $"The body is not JSON (line {error.LineNumber}, byte {error.BytePositionInLine}).";
            return false;
        }

        problem = Read(document.RootElement, out var messageId, out var correlationId, out var sentTime, out var types, out var message);
        if (problem is not null)
        {
            document.Dispose();
            return false;
        }

        envelope = new MessageEnvelope(document, messageId, correlationId, sentTime, types, message);
        return true;
    }

    public void Dispose() => document.Dispose();

    private static string? Read(
        JsonElement root, out Guid messageId, out Guid? correlationId, out DateTime? sentTime, out string[] types, out JsonElement message)
    {
        messageId = default;
        correlationId = null;
        sentTime = null;
        types = [];
        message = default;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return "The body is not a MassTransit envelope (not a JSON object).";
        }

        if (!TryGet(root, "messageId", out var id) || id.ValueKind != JsonValueKind.String || !id.TryGetGuid(out messageId))
        {
            return "The envelope has no valid messageId.";
        }

        if (!TryGet(root, "messageType", out var typeArray) || typeArray.ValueKind != JsonValueKind.Array
            || typeArray.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
        {
            return "The envelope has no messageType array.";
        }

        types = [.. typeArray.EnumerateArray().Select(t => t.GetString()!)];
        if (!TryGet(root, "message", out message) || message.ValueKind != JsonValueKind.Object)
        {
            return "The envelope has no message object.";
        }

        if (TryGet(root, "correlationId", out var correlation) && correlation.ValueKind == JsonValueKind.String)
        {
            correlationId = correlation.TryGetGuid(out var c) ? c : null;
        }

        if (TryGet(root, "sentTime", out var sent) && sent.ValueKind == JsonValueKind.String && sent.TryGetDateTime(out var s))
        {
            sentTime = s.Kind == DateTimeKind.Local ? s.ToUniversalTime() : s;
        }

        return null;
    }

    /// <summary>MassTransit writes camelCase; other publishers of the envelope may not.</summary>
    private static bool TryGet(JsonElement root, string name, out JsonElement value)
    {
        if (root.TryGetProperty(name, out value))
        {
            return true;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }
}
