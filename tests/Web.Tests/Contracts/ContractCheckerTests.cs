extern alias web;

using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using web::Provisioner.Web.Backend;

namespace Provisioner.Web.Tests.Contracts;

/// <summary>The checker on a small hand-written document, and on copies of it doctored the ways an API drifts.</summary>
public sealed class ContractCheckerTests
{
    private static readonly ApiRoute Get = new("things", HttpMethod.Get, "/api/things/{id}") { Response = typeof(Thing), Query = ["page"] };

    private static readonly ApiRoute Put = new("things", HttpMethod.Put, "/api/things/{thingId}")
    {
        Request = typeof(ThingBody),
        Headers = ["Idempotency-Key"],
    };

    [Fact]
    public void Check_MatchingDocument_FindsNothing()
    {
        Assert.Empty(ContractChecker.Check(Load(Document()), Get));
        Assert.Empty(ContractChecker.Check(Load(Document()), Put));
    }

    [Fact]
    public void Check_PropertyAddedByService_FindsNothing()
    {
        var json = Document();
        Schema(json, "Thing")["properties"]!.AsObject().Add("addedLater", new JsonObject { ["type"] = "string" });

        Assert.Empty(ContractChecker.Check(Load(json), Get));
    }

    [Fact]
    public void Check_PathRemoved_ReportsTheOperation()
    {
        var json = Document();
        json["paths"]!.AsObject().Remove("/api/things/{id}");

        Assert.Equal(["GET /api/things/{id}: the service has no such operation"], ContractChecker.Check(Load(json), Get));
    }

    [Fact]
    public void Check_MethodChanged_ReportsTheOperation()
    {
        var json = Document();
        var item = json["paths"]!["/api/things/{id}"]!.AsObject();
        var put = item["put"]!.DeepClone();
        item.Remove("put");
        item.Add("patch", put);

        Assert.Equal(["PUT /api/things/{thingId}: the service has no such operation"], ContractChecker.Check(Load(json), Put));
    }

    [Fact]
    public void Check_ResponsePropertyRenamed_ReportsTheProperty()
    {
        var json = Document();
        var properties = Schema(json, "Thing")["properties"]!.AsObject();
        var name = properties["name"]!.DeepClone();
        properties.Remove("name");
        properties.Add("title", name);

        var problem = Assert.Single(ContractChecker.Check(Load(json), Get));
        Assert.Equal("GET /api/things/{id} response.name: the portal reads it, but the service's schema has no such property", problem);
    }

    [Fact]
    public void Check_ResponsePropertyTypeChanged_ReportsTheType()
    {
        var json = Document();
        Schema(json, "Thing")["properties"]!["count"] = new JsonObject { ["type"] = "string" };

        var problem = Assert.Single(ContractChecker.Check(Load(json), Get));
        Assert.Contains("response.count: the portal's Int32 does not fit the service's string", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NestedArrayItemPropertyRemoved_ReportsThePath()
    {
        var json = Document();
        Schema(json, "Part")["properties"]!.AsObject().Remove("label");

        var problem = Assert.Single(ContractChecker.Check(Load(json), Get));
        Assert.StartsWith("GET /api/things/{id} response.parts[].label:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ValueTypeBecameNullable_Reports()
    {
        var json = Document();
        Schema(json, "Thing")["properties"]!["count"] = new JsonObject
        {
            ["type"] = new JsonArray("null", "integer", "string"),
            ["pattern"] = "^-?(?:0|[1-9]\\d*)$",
        };

        var problem = Assert.Single(ContractChecker.Check(Load(json), Get));
        Assert.Contains("response.count: the service may send null", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_QueryParameterRemoved_ReportsTheParameter()
    {
        var json = Document();
        json["paths"]!["/api/things/{id}"]!["get"]!["parameters"]!.AsArray().RemoveAt(1);

        Assert.Equal(["GET /api/things/{id}: query parameter 'page' is not declared by the service"], ContractChecker.Check(Load(json), Get));
    }

    [Fact]
    public void Check_RequestPropertyRemoved_ReportsWhatThePortalSends()
    {
        var json = Document();
        Schema(json, "ThingBody")["properties"]!.AsObject().Remove("tags");

        var problem = Assert.Single(ContractChecker.Check(Load(json), Put));
        Assert.Equal("PUT /api/things/{thingId} request.tags: the portal sends it, but the service's schema has no such property", problem);
    }

    [Fact]
    public void Check_HeaderRemoved_ReportsTheHeader()
    {
        var json = Document();
        json["paths"]!["/api/things/{id}"]!["put"]!.AsObject().Remove("parameters");

        Assert.Contains("PUT /api/things/{thingId}: header 'Idempotency-Key' is not declared by the service", ContractChecker.Check(Load(json), Put));
    }

    [Fact]
    public void Check_ResponseWithoutJson_ReportsIt()
    {
        var json = Document();
        json["paths"]!["/api/things/{id}"]!["get"]!["responses"]!["200"]!.AsObject().Remove("content");

        var problem = Assert.Single(ContractChecker.Check(Load(json), Get));
        Assert.Contains("no success response has a JSON schema", problem, StringComparison.Ordinal);
    }

    private sealed record Thing(Guid Id, string Name, int Count, DateTimeOffset? At, IReadOnlyList<Part> Parts, Dictionary<string, int> Totals)
    {
        public bool IsBig => Count > 10; // computed: not read from JSON, so not checked
    }

    private sealed record Part(string Label, bool Done);

    private sealed record ThingBody(string? Name, List<string> Tags);

    private static OpenApiDocument Load(JsonNode json)
    {
        var read = OpenApiDocument.Parse(json.ToJsonString(), "json");
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        return read.Document!;
    }

    private static JsonNode Schema(JsonNode document, string name) => document["components"]!["schemas"]![name]!;

    /// <summary>Shaped like what ASP.NET Core 10 generates: numbers that may be read from strings, nullable as type arrays.</summary>
    private static JsonNode Document() => JsonNode.Parse("""
        {
          "openapi": "3.1.1",
          "info": { "title": "Things", "version": "v1" },
          "paths": {
            "/api/things/{id}": {
              "get": {
                "parameters": [
                  { "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } },
                  { "name": "page", "in": "query", "schema": { "type": ["integer", "string"], "pattern": "^-?(?:0|[1-9]\\d*)$" } }
                ],
                "responses": {
                  "200": { "description": "OK", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } },
                  "404": { "description": "Not Found" }
                }
              },
              "put": {
                "parameters": [ { "name": "Idempotency-Key", "in": "header", "schema": { "type": "string" } } ],
                "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ThingBody" } } } },
                "responses": { "204": { "description": "No Content" } }
              }
            }
          },
          "components": {
            "schemas": {
              "Thing": {
                "type": "object",
                "properties": {
                  "id": { "type": "string", "format": "uuid" },
                  "name": { "type": "string" },
                  "count": { "type": ["integer", "string"], "pattern": "^-?(?:0|[1-9]\\d*)$", "format": "int32" },
                  "at": { "type": ["null", "string"], "format": "date-time" },
                  "parts": { "type": "array", "items": { "$ref": "#/components/schemas/Part" } },
                  "totals": { "type": "object", "additionalProperties": { "type": ["integer", "string"], "pattern": "^-?(?:0|[1-9]\\d*)$" } }
                }
              },
              "Part": {
                "type": "object",
                "properties": { "label": { "type": "string" }, "done": { "type": "boolean" } }
              },
              "ThingBody": {
                "type": "object",
                "properties": {
                  "name": { "type": ["null", "string"] },
                  "tags": { "type": "array", "items": { "type": "string" } }
                }
              }
            }
          }
        }
        """)!;
}
