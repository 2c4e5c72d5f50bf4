using System.Text.Json.Nodes;
using Provisioner.TestSupport.OpenApi;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>ProvisioningService's OpenAPI document: served without a token, valid, complete, and free of configuration.</summary>
public sealed class OpenApiDocumentTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    private static readonly string[] PublicOperations =
    [
        "POST /api/provision", "POST /api/provision/bulk", "GET /api/jobs", "GET /api/jobs/stats", "GET /api/jobs/{id}",
        "GET /api/jobs/events", "GET /api/jobs/{id}/events", "POST /api/jobs/{id}/retry", "POST /api/jobs/{id}/cancel",
        "GET /api/provision/settings", "PUT /api/provision/settings",
    ];

    [Fact]
    public async Task Document_WithoutToken_IsValidOpenApiListingTheRoutes()
    {
        using var client = host.CreateClient();

        await ServedOpenApiDocument.AssertListsAsync(client, "Provisioner ProvisioningService", PublicOperations);
    }

    [Fact]
    public async Task Document_Operations_TakeTheBearerJwtAndAnswerProblems()
    {
        using var client = host.CreateClient();
        var json = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var provision = json["paths"]!["/api/provision"]!["post"]!;

        Assert.Equal("JWT", (string?)json["components"]!["securitySchemes"]!["Bearer"]!["bearerFormat"]);
        Assert.NotNull(provision["security"]![0]!["Bearer"]);
        Assert.NotNull(provision["responses"]!["400"]!["content"]!["application/problem+json"]);
        Assert.NotNull(provision["responses"]!["401"]!["content"]!["application/problem+json"]);
        Assert.NotNull(provision["responses"]!["403"]!["content"]!["application/problem+json"]);
        Assert.Contains(provision["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key" && (string?)p["in"] == "header");
    }

    [Fact]
    public async Task Document_CarriesNoConfiguredSecret()
    {
        using var client = host.CreateClient();

        var json = await client.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain("test-internal-key", json, StringComparison.Ordinal);
        Assert.DoesNotContain("test-client-secret", json, StringComparison.Ordinal);
        Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(host.ConnectionString).Database!, json, StringComparison.Ordinal);
    }
}
