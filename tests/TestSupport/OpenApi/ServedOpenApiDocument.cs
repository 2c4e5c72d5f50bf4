using System.Net;
using Microsoft.OpenApi;
using Xunit;

namespace Provisioner.TestSupport.OpenApi;

/// <summary>The checks every service's <c>/openapi/v1.json</c> must pass, whatever its routes.</summary>
public static class ServedOpenApiDocument
{
    /// <summary>
    /// Fetches the document without credentials and asserts it is served, parses and validates as OpenAPI, carries the
    /// service's title, and lists every one of <paramref name="operations"/> ("METHOD /path", trailing slash ignored).
    /// </summary>
    public static async Task<OpenApiDocument> AssertListsAsync(HttpClient client, string title, IEnumerable<string> operations)
    {
        using var response = await client.GetAsync("/openapi/v1.json");
        var json = await response.Content.ReadAsStringAsync();
        var read = OpenApiDocument.Parse(json, "json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.NotNull(read.Document);
        Assert.Empty(read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
        Assert.Equal(title, read.Document.Info.Title);
        var listed = read.Document.Paths
            .SelectMany(p => (p.Value.Operations ?? []).Keys.Select(m => $"{m.Method} {p.Key.TrimEnd('/')}"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(operations, o => Assert.Contains(o, listed));
        return read.Document;
    }
}
