using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;
using Provisioner.ServiceDefaults.OpenApi;

namespace Provisioner.ServiceDefaults.Tests;

public sealed class OpenApiTests
{
    [Fact]
    public async Task Document_Added_ServedWithTitleAndReadable()
    {
        await using var app = await StartAsync(b => b.AddServiceOpenApi("Test service", "What it does."));

        var (status, json) = await GetAsync(app, "/openapi/v1.json");
        var read = OpenApiDocument.Parse(json, "json");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.Equal("Test service", read.Document!.Info.Title);
        Assert.Equal("What it does.", read.Document.Info.Description);
        Assert.Contains("/things/{id}", read.Document.Paths.Keys);
        Assert.DoesNotContain(read.Document.Paths.Keys, p => p.StartsWith("/openapi", StringComparison.Ordinal) || p == "/health");
    }

    [Fact]
    public async Task Document_NotAdded_NotMapped()
    {
        await using var app = await StartAsync(_ => { });

        var (status, _) = await GetAsync(app, "/openapi/v1.json");

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task Document_FallbackPolicyRequiresAuthentication_StillServedAnonymously()
    {
        await using var app = await StartAsync(b =>
        {
            b.AddServiceOpenApi("Test service");
            b.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        });

        var (document, _) = await GetAsync(app, "/openapi/v1.json");
        var (thing, _) = await GetAsync(app, "/things/1");

        Assert.Equal(HttpStatusCode.OK, document);
        Assert.Equal(HttpStatusCode.Unauthorized, thing);
    }

    [Fact]
    public async Task Document_AuthorizedOperation_DeclaresBearerAndProblemAnswers()
    {
        await using var app = await StartAsync(b => b.AddServiceOpenApi("Test service"));

        var json = JsonNode.Parse((await GetAsync(app, "/openapi/v1.json")).Json)!;
        var secured = json["paths"]!["/things/{id}"]!["get"]!;
        var open = json["paths"]!["/open"]!["get"]!;

        Assert.Equal("bearer", (string?)json["components"]!["securitySchemes"]!["Bearer"]!["scheme"]);
        Assert.Equal("JWT", (string?)json["components"]!["securitySchemes"]!["Bearer"]!["bearerFormat"]);
        Assert.NotNull(secured["security"]![0]!["Bearer"]);
        foreach (var status in new[] { "401", "403", "500" })
        {
            Assert.Equal("#/components/schemas/ProblemDetails", (string?)secured["responses"]![status]!["content"]!["application/problem+json"]!["schema"]!["$ref"]);
        }

        Assert.Null(open["security"]);
        Assert.Null(open["responses"]!["401"]);
        Assert.NotNull(open["responses"]!["500"]);
        Assert.NotNull(json["components"]!["schemas"]!["ProblemDetails"]);
    }

    [Fact]
    public async Task Document_PolicyNamingAScheme_DeclaresThatScheme()
    {
        var options = new ServiceOpenApiOptions
        {
            Title = "Test service",
            SecuritySchemes = new(StringComparer.Ordinal)
            {
                ["Bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer" },
                ["Internal"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Key" },
            },
        };
        await using var app = await StartAsync(b => b.AddServiceOpenApi(options));

        var json = JsonNode.Parse((await GetAsync(app, "/openapi/v1.json")).Json)!;
        var security = json["paths"]!["/internal"]!["post"]!["security"]!.AsArray();

        Assert.NotNull(Assert.Single(security)!["Internal"]);
        Assert.Equal("X-Key", (string?)json["components"]!["securitySchemes"]!["Internal"]!["name"]);
    }

    [Theory]
    [InlineData("Development", HttpStatusCode.OK)]
    [InlineData("Production", HttpStatusCode.NotFound)]
    public async Task ScalarUi_ByEnvironment_OnlyInDevelopment(string environment, HttpStatusCode expected)
    {
        await using var app = await StartAsync(b => b.AddServiceOpenApi("Test service"), environment);

        var (status, _) = await GetAsync(app, "/scalar/v1");

        Assert.Equal(expected, status);
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplicationBuilder> configure, string environment = "Testing")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.AddServiceDefaults();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("internal", p => p.AddAuthenticationSchemes("Internal").RequireAuthenticatedUser());
        configure(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/things/{id:int}", Results<Ok<Thing>, NotFound> (int id) => TypedResults.Ok(new Thing(id, "a"))).RequireAuthorization();
        app.MapGet("/open", () => TypedResults.Ok(new Thing(1, "open"))).AllowAnonymous();
        app.MapPost("/internal", () => TypedResults.NoContent()).RequireAuthorization("internal");
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, string Json)> GetAsync(WebApplication app, string path)
    {
        using var client = app.GetTestClient();
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private sealed record Thing(int Id, string Name);
}
