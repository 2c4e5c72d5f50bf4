using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using Provisioner.GhlClient.Http;
using Provisioner.GhlClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Provisioner.GhlClient.Tests.Contract;

/// <summary>
/// For every operation: what the client sends (path, query, Version and Authorization headers, body) matches the
/// spec, the body validates against the spec's request schema (closed to unknown fields), and the spec's example
/// response deserializes into the model and back without losing a field.
/// </summary>
public sealed class GhlContractTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public static TheoryData<string> Operations => new(ContractOperations.All.Select(o => o.Name));

    public void Dispose() => _server.Stop();

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_SpecExamples_RequestConformsAndResponseRoundTrips(string name)
    {
        var operation = ContractOperations.All.Single(o => o.Name == name);
        var spec = await SpecCatalog.GetAsync();
        var specOperation = spec.Operation(operation.File, operation.Method, operation.SpecPath);

        var (status, responseSchemaName) = SuccessResponse(specOperation);
        var responseSample = SampleGenerator.Generate(spec.Schema(operation.File, responseSchemaName));
        var model = JsonSerializer.Deserialize(responseSample.ToString(), operation.ResponseType, GhlJson.Options);
        JsonEquivalence.AssertEquivalent(responseSample, ToJToken(model!));

        var (requestContentType, requestSchemaName) = RequestBody(specOperation);
        JToken? requestSample = null;
        object? requestBody = null;
        if (requestContentType == "application/json")
        {
            requestSample = SampleGenerator.Generate(spec.Schema(operation.File, requestSchemaName!));
            requestBody = JsonSerializer.Deserialize(requestSample.ToString(), operation.RequestType!, GhlJson.Options);
        }

        _server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(responseSample.ToString()));
        await using var host = GhlTestHost.Create(_server.Url!);

        var result = await operation.Invoke(host, requestBody);

        JsonEquivalence.AssertEquivalent(operation.Unwrap is { } field ? responseSample[field]! : responseSample, ToJToken(result));
        var sent = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal(operation.Method, sent.Method);
        Assert.Matches(PathPattern(operation.SpecPath), sent.Path);
        AssertQuery(specOperation, sent.Query?.ToDictionary(q => q.Key, q => q.Value.ToArray()) ?? []);
        AssertHeaders(specOperation, sent.Headers?.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase) ?? []);

        if (requestContentType is null)
        {
            Assert.True(string.IsNullOrEmpty(sent.Body), "a body was sent where the spec has none");
            return;
        }

        var requestSchema = spec.Schema(operation.File, requestSchemaName!);
        var sentBody = requestContentType == "application/json" ? JToken.Parse(sent.Body!) : FormToJson(sent.Body!);
        var errors = requestSchema.Validate(sentBody);
        Assert.True(errors.Count == 0, $"request body violates {requestSchemaName}: {string.Join("; ", errors.Select(e => $"{e.Path} {e.Kind}"))}");
        if (requestSample is not null)
        {
            JsonEquivalence.AssertEquivalent(requestSample, sentBody);
        }
    }

    private static (int Status, string Schema) SuccessResponse(JsonObject specOperation)
    {
        var (code, response) = specOperation["responses"]!.AsObject().First(r => r.Key.StartsWith('2'));
        return (int.Parse(code, System.Globalization.CultureInfo.InvariantCulture), SchemaName(response!["content"]!["application/json"]!["schema"]!));
    }

    private static (string? ContentType, string? Schema) RequestBody(JsonObject specOperation)
    {
        if (specOperation["requestBody"]?["content"] is not JsonObject content)
        {
            return (null, null);
        }

        var (contentType, media) = content.First();
        return (contentType, SchemaName(media!["schema"]!));
    }

    private static string SchemaName(JsonNode schema) => schema["$ref"]!.GetValue<string>().Split('/')[^1];

    private static void AssertQuery(JsonObject specOperation, Dictionary<string, string[]> query)
    {
        var declared = Parameters(specOperation, "query");
        Assert.All(query.Keys, key => Assert.True(declared.ContainsKey(key), $"query parameter '{key}' is not in the spec"));
        Assert.All(declared.Where(p => p.Value), p => Assert.True(query.ContainsKey(p.Key), $"required query parameter '{p.Key}' is missing"));
    }

    private static void AssertHeaders(JsonObject specOperation, Dictionary<string, string[]> headers)
    {
        var versionParameter = specOperation["parameters"]?.AsArray().FirstOrDefault(p => p!["name"]!.GetValue<string>() == "Version" && p["in"]!.GetValue<string>() == "header");
        if (versionParameter is null)
        {
            Assert.False(headers.ContainsKey("Version"), "Version header sent where the spec has none");
        }
        else
        {
            Assert.Equal(versionParameter["schema"]!["enum"]![0]!.GetValue<string>(), Assert.Single(headers["Version"]));
        }

        var secured = specOperation["security"] is JsonArray { Count: > 0 };
        Assert.Equal(secured, headers.ContainsKey("Authorization"));
    }

    private static Dictionary<string, bool> Parameters(JsonObject specOperation, string location) =>
        (specOperation["parameters"]?.AsArray() ?? [])
            .Where(p => p!["in"]!.GetValue<string>() == location)
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["required"]?.GetValue<bool>() == true);

    private static JObject FormToJson(string body) => new(
        body.Split('&').Select(pair => pair.Split('=', 2))
            .Select(kv => new JProperty(Uri.UnescapeDataString(kv[0]), Uri.UnescapeDataString(kv[1].Replace('+', ' ')))));

    private static Regex PathPattern(string template) =>
        new("^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$");

    private static JToken ToJToken(object value) => JToken.Parse(JsonSerializer.Serialize(value, value.GetType(), GhlJson.Options));
}
