using System.Text.Json.Nodes;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;
using Provisioner.TestSupport.OpenApi;

namespace Provisioner.SnapshotAdvisor.Api.Tests;

/// <summary>SnapshotAdvisor's OpenAPI document: served without a token, valid, complete, and free of configuration.</summary>
public sealed class OpenApiDocumentTests(AdvisorHostFixture fixture) : IClassFixture<AdvisorHostFixture>
{
    private static readonly string[] PublicOperations =
    [
        "GET /api/snapshots", "GET /api/snapshots/{id}", "PUT /api/snapshots/{id}", "POST /api/snapshots/sync", "POST /api/snapshots/recommend",
    ];

    [Fact]
    public async Task Document_WithoutToken_IsValidOpenApiListingTheRoutes()
    {
        using var client = fixture.Host.CreateClient();

        await ServedOpenApiDocument.AssertListsAsync(client, "Provisioner SnapshotAdvisor", PublicOperations);
    }

    [Fact]
    public async Task Document_Operations_TakeTheBearerJwtAndAnswerProblems()
    {
        using var client = fixture.Host.CreateClient();
        var json = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var update = json["paths"]!["/api/snapshots/{id}"]!["put"]!;

        Assert.Equal("JWT", (string?)json["components"]!["securitySchemes"]!["Bearer"]!["bearerFormat"]);
        Assert.NotNull(update["security"]![0]!["Bearer"]);
        Assert.NotNull(update["responses"]!["401"]!["content"]!["application/problem+json"]);
        Assert.NotNull(update["responses"]!["403"]!["content"]!["application/problem+json"]);
    }

    [Fact]
    public async Task Document_CarriesNoConfiguredSecret()
    {
        using var client = fixture.Host.CreateClient();

        var json = await client.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain(AdvisorHost.InternalKey, json, StringComparison.Ordinal);
        Assert.DoesNotContain("sandbox-client-secret", json, StringComparison.Ordinal);
    }
}
