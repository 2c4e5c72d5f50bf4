using Microsoft.OpenApi;

namespace Provisioner.ServiceDefaults.OpenApi;

/// <summary>
/// What a service says about itself in its OpenAPI document: its title, a line of description, and how callers
/// authenticate. By default every endpoint that requires authorization takes AuthService's bearer JWT.
/// </summary>
public sealed class ServiceOpenApiOptions
{
    /// <summary>The name of the bearer JWT scheme every service except AuthService accepts.</summary>
    public const string BearerScheme = "Bearer";

    public required string Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The security schemes of the document, by name; an authentication scheme of the same name maps to it.</summary>
    public Dictionary<string, OpenApiSecurityScheme> SecuritySchemes { get; init; } = new(StringComparer.Ordinal)
    {
        [BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT issued by AuthService (POST /api/auth/token; the gateway exchanges sessions and API keys for one).",
        },
    };

    /// <summary>
    /// The schemes (any one of them) of an endpoint whose authorization policy names no scheme of
    /// <see cref="SecuritySchemes"/>: the service's default authentication.
    /// </summary>
    public IReadOnlyList<string> DefaultSchemes { get; init; } = [BearerScheme];
}
