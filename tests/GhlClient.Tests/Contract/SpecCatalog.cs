using System.Text.Json.Nodes;
using NJsonSchema;
using Provisioner.TestSupport;

namespace Provisioner.GhlClient.Tests.Contract;

/// <summary>
/// The vendored OpenAPI specs, loaded with NJsonSchema. Each spec's component schemas (and common-schemas.json's)
/// become the <c>definitions</c> of one JSON Schema document, with every <c>$ref</c> rewritten to point there, so
/// NJsonSchema resolves the references itself.
/// </summary>
internal sealed class SpecCatalog
{
    private static readonly Lazy<Task<SpecCatalog>> Instance = new(LoadAsync);

    private readonly Dictionary<string, JsonSchema> _roots;
    private readonly Dictionary<string, JsonObject> _documents;

    private SpecCatalog(Dictionary<string, JsonSchema> roots, Dictionary<string, JsonObject> documents)
    {
        _roots = roots;
        _documents = documents;
    }

    public static Task<SpecCatalog> GetAsync() => Instance.Value;

    public static string SpecFolder => Path.Combine(TestEnvironment.RepositoryRoot, "specs", "ghl");

    public JsonSchema Schema(string file, string name) => _roots[file].Definitions[name];

    /// <summary>The OpenAPI operation object of <paramref name="file"/>.json at <paramref name="path"/>.</summary>
    public JsonObject Operation(string file, string method, string path) =>
        _documents[file]["paths"]![path]![method.ToLowerInvariant()]!.AsObject();

    private static async Task<SpecCatalog> LoadAsync()
    {
        var common = Parse(Path.Combine(SpecFolder, "common", "common-schemas.json"));
        var roots = new Dictionary<string, JsonSchema>();
        var documents = new Dictionary<string, JsonObject>();
        foreach (var file in new[] { "oauth", "companies", "locations", "snapshots", "users" })
        {
            var document = Parse(Path.Combine(SpecFolder, "apps", file + ".json"));
            documents[file] = document;
            var definitions = new JsonObject();
            foreach (var source in new[] { common, document })
            {
                foreach (var (name, schema) in source["components"]!["schemas"]!.AsObject())
                {
                    definitions[name] = schema!.DeepClone();
                }
            }

            RewriteReferences(definitions);
            var root = await JsonSchema.FromJsonAsync(new JsonObject { ["definitions"] = definitions }.ToJsonString());
            foreach (var schema in root.Definitions.Values)
            {
                Strict(schema, []);
            }

            roots[file] = root;
        }

        return new SpecCatalog(roots, documents);
    }

    private static JsonObject Parse(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static void RewriteReferences(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is var target)
                {
                    obj["$ref"] = "#/definitions/" + target[(target.LastIndexOf('/') + 1)..];
                }

                foreach (var (_, child) in obj.ToList())
                {
                    RewriteReferences(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RewriteReferences(child);
                }

                break;
        }
    }

    /// <summary>
    /// JSON Schema allows unknown properties unless told otherwise; a misspelt field would then pass. Every object
    /// schema that lists its properties is closed, so the client may send only fields the spec names.
    /// </summary>
    private static void Strict(JsonSchema schema, HashSet<JsonSchema> seen)
    {
        var actual = schema.ActualSchema;
        if (!seen.Add(actual))
        {
            return;
        }

        if (actual.Properties.Count > 0)
        {
            actual.AllowAdditionalProperties = false;
        }

        foreach (var child in actual.Properties.Values.Cast<JsonSchema>()
                     .Concat(actual.AllOf).Concat(actual.OneOf).Concat(actual.AnyOf)
                     .Concat(actual.Item is null ? [] : [actual.Item]))
        {
            Strict(child, seen);
        }
    }
}
