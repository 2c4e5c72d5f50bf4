using System.Text.Json.Nodes;
using Provisioner.TestSupport.OpenApi;

namespace Provisioner.AuthService.Tests;

/// <summary>AuthService's OpenAPI document: served without credentials, valid, complete, and free of configuration.</summary>
public sealed class OpenApiDocumentTests(AuthWorldFixture fixture) : IClassFixture<AuthWorldFixture>
{
    private static readonly string[] PublicOperations =
    [
        "GET /api/auth/connect", "GET /api/auth/callback", "POST /api/auth/disconnect", "POST /api/auth/logout",
        "GET /api/auth/me", "POST /api/auth/token", "GET /api/auth/.well-known/jwks.json", "GET /api/auth/users",
        "PUT /api/auth/users/{id}/role", "POST /api/auth/api-keys", "GET /api/auth/api-keys", "DELETE /api/auth/api-keys/{id}",
        "POST /api/auth/webhooks/ghl", "POST /internal/ghl/token", "POST /internal/ghl/token/refresh",
    ];

    [Fact]
    public async Task Document_WithoutCredentials_IsValidOpenApiListingTheRoutes()
    {
        using var client = fixture.World.Host.CreateClient();

        await ServedOpenApiDocument.AssertListsAsync(client, "Provisioner AuthService", PublicOperations);
    }

    [Fact]
    public async Task Document_Security_SessionOrApiKeyOnTheApiAndTheInternalKeyOnInternal()
    {
        using var client = fixture.World.Host.CreateClient();
        var json = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;

        var me = json["paths"]!["/api/auth/me"]!["get"]!["security"]!.AsArray();
        var internalToken = json["paths"]!["/internal/ghl/token"]!["post"]!["security"]!.AsArray();

        Assert.Equal(["Session", "ApiKey"], me.Select(r => r!.AsObject().Single().Key));
        Assert.Equal("InternalKey", internalToken.Single()!.AsObject().Single().Key);
        Assert.Equal("X-Internal-Key", (string?)json["components"]!["securitySchemes"]!["InternalKey"]!["name"]);
        Assert.Null(json["paths"]!["/api/auth/connect"]!["get"]!["security"]);
    }

    [Fact]
    public async Task Document_CarriesNoConfiguredSecret()
    {
        using var client = fixture.World.Host.CreateClient();

        var json = await client.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain(AuthHost.InternalKey, json, StringComparison.Ordinal);
        Assert.DoesNotContain(AuthHost.KeyOne, json, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeGhl.ClientSecret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.World.Database.Name, json, StringComparison.Ordinal);
    }
}
