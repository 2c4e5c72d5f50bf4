using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Http;

/// <summary>JSON settings for GHL bodies: camelCase names, unset optional fields left out (GHL treats [] as "none").</summary>
public static class GhlJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
