using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Provisioner.GhlClient.Tests.Contract;

/// <summary>
/// Builds the spec's example instance of a schema: each property takes the spec's example where that example is
/// valid for the property's own schema (some are not: <c>"isBulkInstallation": "Bearer"</c>), else a value of the
/// declared type. Every declared property is present, so a model that misses a field fails the round trip.
/// </summary>
internal static class SampleGenerator
{
    public static JToken Generate(JsonSchema schema, string name = "value")
    {
        if (ValidExample(schema) is { } example)
        {
            return example;
        }

        var actual = Resolve(schema);
        if (actual.ActualProperties.Count > 0)
        {
            var obj = new JObject();
            foreach (var (propertyName, property) in actual.ActualProperties)
            {
                obj[propertyName] = Generate(property, propertyName);
            }

            return obj;
        }

        if (actual.Enumeration.Count > 0)
        {
            return JToken.FromObject(actual.Enumeration.First()!);
        }

        var type = actual.Type;
        if (type.HasFlag(JsonObjectType.Array))
        {
            return new JArray(Generate(actual.Item!, name));
        }

        if (type.HasFlag(JsonObjectType.Object))
        {
            return actual.AdditionalPropertiesSchema is { } values ? new JObject { ["key"] = Generate(values, name) } : new JObject();
        }

        if (type.HasFlag(JsonObjectType.Boolean))
        {
            return true;
        }

        if (type.HasFlag(JsonObjectType.Number) || type.HasFlag(JsonObjectType.Integer))
        {
            return 7;
        }

        return $"sample-{name}";
    }

    private static JsonSchema Resolve(JsonSchema schema)
    {
        var actual = schema is JsonSchemaProperty property ? property.ActualTypeSchema : schema.ActualSchema;
        return actual.AllOf.Count == 1 && actual.ActualProperties.Count == 0 ? actual.AllOf.First().ActualSchema : actual;
    }

    private static JToken? ValidExample(JsonSchema schema)
    {
        var raw = schema.Example ?? (schema.ExtensionData?.TryGetValue("example", out var value) == true ? value : null);
        if (raw is null)
        {
            return null;
        }

        var token = raw as JToken ?? JToken.FromObject(raw);
        return Resolve(schema).Validate(token).Count == 0 ? token : null;
    }
}
