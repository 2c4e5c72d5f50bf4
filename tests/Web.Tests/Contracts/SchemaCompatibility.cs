using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;

namespace Provisioner.Web.Tests.Contracts;

/// <summary>
/// Whether a portal DTO (a CLR type read or written with System.Text.Json's web defaults: camelCase names, matched
/// case-insensitively) fits a JSON schema of a service's OpenAPI document. Every property the portal reads or sends
/// must exist in the schema with a compatible JSON type; properties the portal ignores may be added freely.
/// </summary>
internal static class SchemaCompatibility
{
    /// <summary>Which way the JSON goes: a response the portal reads, or a request body the portal writes.</summary>
    public enum Direction
    {
        Read,
        Write,
    }

    public static void Check(Type type, IOpenApiSchema schema, string at, Direction direction, List<string> problems) =>
        Check(type, schema, at, direction, problems, depth: 0);

    private static void Check(Type type, IOpenApiSchema schema, string at, Direction direction, List<string> problems, int depth)
    {
        if (depth > 12)
        {
            return; // a recursive shape: what matters was checked on the way down
        }

        var underlying = Nullable.GetUnderlyingType(type);
        var nullableValue = underlying is not null;
        type = underlying ?? type;
        var branches = Branches(schema);
        var schemaAllowsNull = branches.Count == 0 || AllowsNull(schema);
        if (direction == Direction.Read && type.IsValueType && !nullableValue && schemaAllowsNull && Kind(type) != JsonKind.Any)
        {
            problems.Add($"{at}: the service may send null, but the portal's {type.Name} is not nullable");
        }

        if (direction == Direction.Write && nullableValue && !schemaAllowsNull)
        {
            problems.Add($"{at}: the portal may send null, but the service's schema does not allow null");
        }

        var kind = Kind(type);
        if (kind == JsonKind.Any || branches.Count == 0)
        {
            return; // JsonElement on our side, or "anything" on theirs
        }

        // One fitting branch is enough (oneOf/anyOf: a nullable reference, or a union of shapes).
        List<string>? best = null;
        foreach (var branch in branches)
        {
            var found = new List<string>();
            CheckBranch(type, kind, branch, at, direction, found, depth);
            if (found.Count == 0)
            {
                return;
            }

            if (best is null || found.Count < best.Count)
            {
                best = found;
            }
        }

        problems.AddRange(best!);
    }

    private static void CheckBranch(
        Type type, JsonKind kind, IOpenApiSchema schema, string at, Direction direction, List<string> problems, int depth)
    {
        var types = JsonTypes(schema);
        if (!Fits(kind, types))
        {
            problems.Add($"{at}: the portal's {Describe(type)} does not fit the service's {Describe(types)}");
            return;
        }

        switch (kind)
        {
            case JsonKind.Array when schema.Items is { } items && ElementType(type) is { } element:
                Check(element, items, at + "[]", direction, problems, depth + 1);
                break;
            case JsonKind.Dictionary when schema.AdditionalProperties is { } values && DictionaryValueType(type) is { } value:
                Check(value, values, at + "{}", direction, problems, depth + 1);
                break;
            case JsonKind.Object:
                var properties = Properties(schema);
                foreach (var (name, propertyType) in JsonProperties(type))
                {
                    var match = properties.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
                    if (match.Value is null)
                    {
                        problems.Add(direction == Direction.Read
                            ? $"{at}.{name}: the portal reads it, but the service's schema has no such property"
                            : $"{at}.{name}: the portal sends it, but the service's schema has no such property");
                        continue;
                    }

                    Check(propertyType, match.Value, $"{at}.{name}", direction, problems, depth + 1);
                }

                break;
        }
    }

    /// <summary>The properties System.Text.Json reads or writes: public, settable or set by the constructor, not ignored.</summary>
    public static IEnumerable<(string Name, Type Type)> JsonProperties(Type type)
    {
        var constructorParameters = type.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            if (property.SetMethod is not { IsPublic: true } && !constructorParameters.Contains(property.Name))
            {
                continue; // computed: System.Text.Json never reads it
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            yield return (name, property.PropertyType);
        }
    }

    private enum JsonKind
    {
        Any,
        String,
        Integer,
        Number,
        Boolean,
        Enum,
        Array,
        Dictionary,
        Object,
    }

    private static JsonKind Kind(Type type)
    {
        if (type == typeof(JsonElement) || type == typeof(object) || typeof(JsonNode).IsAssignableFrom(type) || type == typeof(JsonDocument))
        {
            return JsonKind.Any;
        }

        if (type.IsEnum)
        {
            return JsonKind.Enum;
        }

        if (type == typeof(string) || type == typeof(Guid) || type == typeof(DateTimeOffset) || type == typeof(DateTime)
            || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(char))
        {
            return JsonKind.String;
        }

        if (type == typeof(bool))
        {
            return JsonKind.Boolean;
        }

        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint)
            || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte))
        {
            return JsonKind.Integer;
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return JsonKind.Number;
        }

        if (DictionaryValueType(type) is not null)
        {
            return JsonKind.Dictionary;
        }

        return ElementType(type) is not null ? JsonKind.Array : JsonKind.Object;
    }

    private static bool Fits(JsonKind kind, JsonSchemaType? types)
    {
        if (types is not { } t || (t & ~JsonSchemaType.Null) == 0)
        {
            return true; // no type keyword: any JSON
        }

        return kind switch
        {
            JsonKind.String => t.HasFlag(JsonSchemaType.String),
            JsonKind.Integer => t.HasFlag(JsonSchemaType.Integer),
            JsonKind.Number => t.HasFlag(JsonSchemaType.Number) || t.HasFlag(JsonSchemaType.Integer),
            JsonKind.Boolean => t.HasFlag(JsonSchemaType.Boolean),
            JsonKind.Enum => t.HasFlag(JsonSchemaType.String) || t.HasFlag(JsonSchemaType.Integer),
            JsonKind.Array => t.HasFlag(JsonSchemaType.Array),
            JsonKind.Dictionary or JsonKind.Object => t.HasFlag(JsonSchemaType.Object),
            _ => true,
        };
    }

    /// <summary>
    /// The schema's JSON types, with the string that ASP.NET Core adds to numbers (they may be read from strings) taken
    /// out: a service writes a number as a number, so a portal string would not read it.
    /// </summary>
    private static JsonSchemaType? JsonTypes(IOpenApiSchema schema)
    {
        if (schema.Type is not { } t)
        {
            return schema.Properties is { Count: > 0 } ? JsonSchemaType.Object : null;
        }

        return (t.HasFlag(JsonSchemaType.Integer) || t.HasFlag(JsonSchemaType.Number)) && schema.Pattern is not null
            ? t & ~JsonSchemaType.String
            : t;
    }

    /// <summary>The non-null alternatives of a schema (itself, or its oneOf/anyOf branches).</summary>
    private static List<IOpenApiSchema> Branches(IOpenApiSchema schema)
    {
        var alternatives = (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).ToList();
        if (alternatives.Count == 0)
        {
            return IsNullOnly(schema) ? [] : [schema];
        }

        return [.. alternatives.Where(a => !IsNullOnly(a))];
    }

    private static bool AllowsNull(IOpenApiSchema schema) =>
        schema.Type?.HasFlag(JsonSchemaType.Null) == true
        || (schema.OneOf ?? []).Concat(schema.AnyOf ?? []).Any(IsNullOnly);

    private static bool IsNullOnly(IOpenApiSchema schema) => schema.Type == JsonSchemaType.Null;

    /// <summary>The schema's properties, with those of its allOf parts.</summary>
    private static Dictionary<string, IOpenApiSchema> Properties(IOpenApiSchema schema)
    {
        var all = new Dictionary<string, IOpenApiSchema>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (schema.AllOf ?? []).Prepend(schema))
        {
            foreach (var (name, property) in part.Properties ?? new Dictionary<string, IOpenApiSchema>())
            {
                all.TryAdd(name, property);
            }
        }

        return all;
    }

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.GetInterfaces().Prepend(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);
    }

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Prepend(type)
            .FirstOrDefault(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
            ?.GetGenericArguments()[1];

    private static string Describe(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
        : type.Name;

    private static string Describe(JsonSchemaType? types) => types is { } t ? t.ToString().ToLowerInvariant() : "any";
}
