using System.Net;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Provisioner.SnapshotAdvisor.Api.Tests.Support;

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

        using var response = await client.GetAsync("/openapi/v1.json");
        var json = await response.Content.ReadAsStringAsync();
        var read = OpenApiDocument.Parse(json, "json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.NotNull(read.Document);
        Assert.Empty(read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.Equal("Provisioner SnapshotAdvisor", read.Document.Info.Title);
        var operations = read.Document.Paths
            .SelectMany(p => (p.Value.Operations ?? []).Keys.Select(m => $"{m.Method} {p.Key.TrimEnd('/')}"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(PublicOperations, o => Assert.Contains(o, operations));
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
