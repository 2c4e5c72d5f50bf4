using System.Text.Json;
using System.Text.Json.Serialization;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Http;

/// <summary>
/// common-schemas.json BadRequestDTO / UnauthorizedDTO / UnprocessableDTO: <c>message</c> is a string or an array;
/// GHL also adds <c>traceId</c> (BRIEF §1).
/// </summary>
internal sealed record GhlErrorBody
{
    public long? StatusCode { get; init; }

    [JsonConverter(typeof(StringOrArrayConverter))]
    public IReadOnlyList<string>? Message { get; init; }

    public string? Error { get; init; }

    public string? TraceId { get; init; }

    public static GhlErrorBody Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new GhlErrorBody();
        }

        try
        {
            return JsonSerializer.Deserialize<GhlErrorBody>(body, GhlJson.Options) ?? new GhlErrorBody();
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): keep a short, single-line excerpt as the message.
            var excerpt = body.ReplaceLineEndings(" ");
            return new GhlErrorBody { Message = [excerpt.Length > 200 ? excerpt[..200] : excerpt] };
        }
    }
}
