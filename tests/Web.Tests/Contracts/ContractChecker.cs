extern alias web;

using Microsoft.OpenApi;
using web::Provisioner.Web.Backend;

namespace Provisioner.Web.Tests.Contracts;

/// <summary>
/// Checks one portal call (<see cref="ApiRoute"/>) against a service's OpenAPI document: the path and method exist,
/// the query parameters and headers the portal sends are declared, the request body's properties exist in the request
/// schema, and the properties the portal reads exist in a success response's schema with compatible JSON types.
/// Returns what does not match, one line each; empty when the portal and the service agree.
/// </summary>
internal static class ContractChecker
{
    private const string Json = "application/json";

    public static IReadOnlyList<string> Check(OpenApiDocument document, ApiRoute route)
    {
        var problems = new List<string>();
        if (FindOperation(document, route) is not { } operation)
        {
            problems.Add($"{route.Method} {route.Template}: the service has no such operation");
            return problems;
        }

        var parameters = operation.Parameters ?? [];
        foreach (var name in route.Query)
        {
            if (!parameters.Any(p => p.In == ParameterLocation.Query && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{route.Method} {route.Template}: query parameter '{name}' is not declared by the service");
            }
        }

        foreach (var name in route.Headers)
        {
            if (!parameters.Any(p => p.In == ParameterLocation.Header && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{route.Method} {route.Template}: header '{name}' is not declared by the service");
            }
        }

        if (route.Request is { } request)
        {
            if (operation.RequestBody?.Content?.TryGetValue(Json, out var body) == true && body.Schema is { } schema)
            {
                SchemaCompatibility.Check(request, schema, $"{route.Method} {route.Template} request", SchemaCompatibility.Direction.Write, problems);
            }
            else
            {
                problems.Add($"{route.Method} {route.Template}: the service takes no JSON body, but the portal sends {request.Name}");
            }
        }

        if (route.Response is { } response)
        {
            CheckResponse(route, operation, response, problems);
        }

        return problems;
    }

    /// <summary>Finds the operation by method and path; parameter names do not matter (<c>{id}</c> = <c>{jobId}</c>).</summary>
    public static OpenApiOperation? FindOperation(OpenApiDocument document, ApiRoute route)
    {
        var wanted = Normalize(route.Template);
        foreach (var (path, item) in document.Paths ?? [])
        {
            if (Normalize(path) == wanted && item.Operations?.TryGetValue(route.Method, out var operation) == true)
            {
                return operation;
            }
        }

        return null;
    }

    private static void CheckResponse(ApiRoute route, OpenApiOperation operation, Type response, List<string> problems)
    {
        var schemas = (operation.Responses ?? [])
            .Where(r => r.Key.StartsWith('2'))
            .Select(r => r.Value.Content?.TryGetValue(Json, out var media) == true ? media.Schema : null)
            .OfType<IOpenApiSchema>()
            .ToList();
        if (schemas.Count == 0)
        {
            problems.Add($"{route.Method} {route.Template}: no success response has a JSON schema, but the portal reads {response.Name}");
            return;
        }

        // Any one success answer that fits is enough (an endpoint may answer 200 and 202 with different bodies).
        List<string>? best = null;
        foreach (var schema in schemas)
        {
            var found = new List<string>();
            SchemaCompatibility.Check(response, schema, $"{route.Method} {route.Template} response", SchemaCompatibility.Direction.Read, found);
            if (found.Count == 0)
            {
                return;
            }

            if (best is null || found.Count < best.Count)
            {
                best = found;
            }
        }

        problems.AddRange(best!);
    }

    private static string Normalize(string path)
    {
        var segments = path.Trim('/').Split('/')
            .Select(s => s.StartsWith('{') && s.EndsWith('}') ? "{}" : s.ToLowerInvariant());
        return "/" + string.Join('/', segments);
    }
}
