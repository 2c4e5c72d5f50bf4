using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

internal static class HttpJson
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {expected}, got {response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"Empty body for {typeof(T).Name}");
    }

    /// <summary>The <c>errors</c> of a validation ProblemDetails, by field name.</summary>
    public static async Task<Dictionary<string, string[]>> ValidationErrorsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ReadAsync<JsonElement>(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>(JsonSerializerOptions.Web)!;
    }
}
