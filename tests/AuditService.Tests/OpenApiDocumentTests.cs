using System.Text.Json.Nodes;
using Provisioner.TestSupport.OpenApi;

namespace Provisioner.AuditService.Tests;

/// <summary>AuditService's OpenAPI document: served without a token, valid, complete, and free of configuration.</summary>
public sealed class OpenApiDocumentTests(AuditHostFixture fixture) : IClassFixture<AuditHostFixture>
{
    private static readonly string[] PublicOperations = ["GET /api/audit", "GET /api/audit/export", "GET /api/audit/verify", "GET /api/audit/{id}"];

    [Fact]
    public async Task Document_WithoutToken_IsValidOpenApiListingTheRoutes()
    {
        using var client = fixture.Host.CreateClient();

        await ServedOpenApiDocument.AssertListsAsync(client, "Provisioner AuditService", PublicOperations);
    }

    [Fact]
    public async Task Document_Operations_TakeTheBearerJwtAndAnswerProblems()
    {
        using var client = fixture.Host.CreateClient();
        var json = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var list = json["paths"]!.AsObject().Single(p => p.Key.TrimEnd('/') == "/api/audit").Value!["get"]!;

        Assert.Equal("JWT", (string?)json["components"]!["securitySchemes"]!["Bearer"]!["bearerFormat"]);
        Assert.NotNull(list["security"]![0]!["Bearer"]);
        Assert.NotNull(list["responses"]!["400"]!["content"]!["application/problem+json"]);
        Assert.NotNull(list["responses"]!["401"]!["content"]!["application/problem+json"]);
    }

    [Fact]
    public async Task Document_CarriesNoConfiguredSecret()
    {
        using var client = fixture.Host.CreateClient();

        var json = await client.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(fixture.Host.ConnectionString).Database!, json, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN PUBLIC KEY", json, StringComparison.Ordinal);
    }
}
