using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;
using Provisioner.TestSupport;

namespace Provisioner.GhlSandbox.Tests;

/// <summary>
/// Response schemas read straight from the vendored OpenAPI files (specs/ghl/apps/*.json). For an operation and
/// status the spec's own response $ref is used, and NJsonSchema resolves it: "#/components/schemas/..." inside
/// the file and "../common/common-schemas.json#/..." across files.
/// </summary>
public static class SpecSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema>>> Cache = new();

    /// <summary>Validates a response body against the schema the spec documents for this operation and status.</summary>
    public static async Task<IReadOnlyList<string>> ValidateResponseAsync(string file, string method, string path, int status, string json)
    {
        var reference = ResponseReference(file, method, path, status);
        var schema = await Cache.GetOrAdd($"{file}|{reference}", _ => new Lazy<Task<JsonSchema>>(() => LoadAsync(file, reference))).Value;
        return [.. schema.Validate(json).Select(Describe)];
    }

    /// <summary>Validates against a named component schema of a spec file.</summary>
    public static Task<IReadOnlyList<string>> ValidateAsync(string file, string schema, string json) =>
        ValidateWithReferenceAsync(file, $"#/components/schemas/{schema}", json);

    private static async Task<IReadOnlyList<string>> ValidateWithReferenceAsync(string file, string reference, string json)
    {
        var schema = await Cache.GetOrAdd($"{file}|{reference}", _ => new Lazy<Task<JsonSchema>>(() => LoadAsync(file, reference))).Value;
        return [.. schema.Validate(json).Select(Describe)];
    }

    private static string ResponseReference(string file, string method, string path, int status)
    {
        var spec = JsonNode.Parse(File.ReadAllText(SpecPath(file)))!;
        var response = spec["paths"]?[path]?[method.ToLowerInvariant()]?["responses"]?[status.ToString(CultureInfo.InvariantCulture)]
            ?? throw new InvalidOperationException($"{file} documents no {status} response for {method} {path}.");
        return response["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"{file} {method} {path} {status} has no JSON schema reference.");
    }

    /// <summary>
    /// The spec file is the root document with a root $ref. NJsonSchema resolves nested references only inside
    /// known schema containers, so the file's components/schemas move to "definitions" (internal refs pointed
    /// there) with every schema unchanged; references into ../common/ resolve relative to the file's folder.
    /// </summary>
    private static Task<JsonSchema> LoadAsync(string file, string reference)
    {
        var path = SpecPath(file);
        var text = File.ReadAllText(path).Replace("\"#/components/schemas/", "\"#/definitions/", StringComparison.Ordinal);
        var document = JsonNode.Parse(text)!.AsObject();
        var components = document["components"]!.AsObject();
        var schemas = components["schemas"]!;
        components.Remove("schemas");
        document.Remove("paths");
        document["definitions"] = schemas;
        document["$ref"] = reference.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? "#/definitions/" + reference["#/components/schemas/".Length..]
            : reference;
        return JsonSchema.FromJsonAsync(document.ToJsonString(), path);
    }

    private static string SpecPath(string file) =>
        Path.GetFullPath(Path.Combine(TestEnvironment.RepositoryRoot, "specs", "ghl", "apps", file));

    private static string Describe(ValidationError error) =>
        error is ChildSchemaValidationError child
            ? $"{error.Path}: {error.Kind} ({string.Join("; ", child.Errors.SelectMany(e => e.Value).Select(Describe))})"
            : $"{error.Path}: {error.Kind}";
}
