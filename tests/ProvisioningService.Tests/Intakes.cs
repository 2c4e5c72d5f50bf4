using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>A valid intake to start from (tests change one field at a time), and helpers to post it.</summary>
internal static class Intakes
{
    public static JsonObject Valid(string name = "Acme Plumbing") => new()
    {
        ["business"] = new JsonObject
        {
            ["name"] = name,
            ["email"] = "owner@acme-plumbing.com",
            ["phone"] = "(312) 744-5000",
            ["website"] = "https://acme-plumbing.com",
            ["address"] = "1 Main St",
            ["city"] = "Chicago",
            ["state"] = "IL",
            ["postalCode"] = "60601",
            ["country"] = "US",
            ["timezone"] = "America/Chicago",
            ["industry"] = "Plumbing",
            ["description"] = "Residential plumbing.",
        },
        ["snapshotId"] = "snap-plumbing",
        ["customValues"] = new JsonObject
        {
            ["Booking Link"] = "https://acme-plumbing.com/book",
            ["Greeting"] = "Welcome to {{business.name}}, call {{ business.phone }}",
        },
        ["users"] = new JsonArray
        {
            new JsonObject { ["firstName"] = "Ann", ["lastName"] = "Lee", ["email"] = "ann@acme-plumbing.com", ["phone"] = "312-744-5001", ["role"] = "admin" },
            new JsonObject { ["firstName"] = "Bob", ["lastName"] = "Ray", ["email"] = "bob@acme-plumbing.com", ["role"] = "user" },
        },
    };

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonObject intake, string? key, bool dryRun = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, dryRun ? "/api/provision?dryRun=true" : "/api/provision")
        {
            Content = JsonContent.Create(intake),
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The field names of a ValidationProblem's errors.</summary>
    public static async Task<HashSet<string>> ErrorFieldsAsync(this HttpResponseMessage response) =>
        [.. (await response.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name)];

    public static string NewAgency() => "agency-" + Guid.NewGuid().ToString("N")[..12];

    public static string NewKey() => Guid.NewGuid().ToString();
}
