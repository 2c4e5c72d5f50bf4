using System.Text.Json.Serialization;

namespace Provisioner.SnapshotAdvisor.Advice;

/// <summary>
/// The structured output the model must produce; its type is given to the connector as the response format, which
/// turns it into a JSON schema (OpenAI structured outputs). Every field is still checked after parsing.
/// </summary>
public sealed record ModelAnswer(
    [property: JsonPropertyName("snapshotId")] string? SnapshotId,
    [property: JsonPropertyName("confidence")] double? Confidence,
    [property: JsonPropertyName("reasons")] IReadOnlyList<string>? Reasons);
