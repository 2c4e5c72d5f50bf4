using System.Text.Json;

namespace Provisioner.Web.Backend;

/// <summary>
/// One Server-Sent Event of a job stream: <c>id:</c> (the job_events row id, used as Last-Event-ID), <c>event:</c>
/// (the type, e.g. JobStepStarted), and the <c>data:</c> JSON (type, jobId, occurredAt, data).
/// </summary>
public sealed record JobEvent(long? Id, string Type, Guid? JobId, DateTimeOffset? OccurredAt, JsonElement? Data)
{
    /// <summary>The job states after which ProvisioningService ends a job's stream.</summary>
    public static readonly IReadOnlySet<string> FinalTypes =
        new HashSet<string>(["Succeeded", "Failed", "Cancelled", "Compensated"], StringComparer.OrdinalIgnoreCase);

    public bool IsFinal => FinalTypes.Contains(Type);

    /// <summary>A text member of the event's own data (e.g. <c>step</c>, <c>detail</c>, <c>error</c>), if present.</summary>
    public string? Text(string name) =>
        Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>Reads an SSE item; a <c>data:</c> that is not the expected JSON still yields the event by its type.</summary>
    public static JobEvent Parse(string? id, string eventType, string data)
    {
        long? eventId = long.TryParse(id, out var parsed) ? parsed : null;
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new JobEvent(eventId, eventType, null, null, null);
            }

            var type = root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : eventType;
            Guid? jobId = root.TryGetProperty("jobId", out var j) && j.ValueKind == JsonValueKind.String && j.TryGetGuid(out var g) ? g : null;
            DateTimeOffset? at = root.TryGetProperty("occurredAt", out var o) && o.ValueKind == JsonValueKind.String && o.TryGetDateTimeOffset(out var d) ? d : null;
            JsonElement? inner = root.TryGetProperty("data", out var x) ? x.Clone() : null;
            return new JobEvent(eventId, type, jobId, at, inner);
        }
        catch (JsonException)
        {
            return new JobEvent(eventId, eventType, null, null, null);
        }
    }
}
