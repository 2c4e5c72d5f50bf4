using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// The intake of the crash and GHL-faults scenarios: two custom values (one resolving the business name) and two users,
/// Ann (admin) and Bob, whose e-mails derive from the business e-mail. <see cref="SandboxExpectations"/> checks the same.
/// </summary>
internal static class ScenarioIntake
{
    public const string BookingLink = "https://acme-plumbing.com/book";

    public static JsonObject Create(string name, string email, string snapshot) => new()
    {
        ["business"] = new JsonObject
        {
            ["name"] = name,
            ["email"] = email,
            ["phone"] = "(312) 744-5000",
            ["country"] = "US",
            ["timezone"] = "America/Chicago",
        },
        ["snapshotId"] = snapshot,
        ["customValues"] = new JsonObject
        {
            ["Booking Link"] = BookingLink,
            ["Greeting"] = "Welcome to {{business.name}}",
        },
        ["users"] = new JsonArray
        {
            new JsonObject { ["firstName"] = "Ann", ["lastName"] = "Lee", ["email"] = $"ann.{email}", ["role"] = "admin" },
            new JsonObject { ["firstName"] = "Bob", ["lastName"] = "Ray", ["email"] = $"bob.{email}", ["role"] = "user" },
        },
    };

    /// <summary>The e-mails of the job's users, in order.</summary>
    public static string[] UserEmails(string email) => [$"ann.{email}", $"bob.{email}"];

    /// <summary>POSTs <paramref name="intake"/> with a new idempotency key; it must be accepted (202). Returns the job id.</summary>
    public static async Task<Guid> SubmitAsync(
        HttpRequestMessage request, JsonObject intake, Func<HttpRequestMessage, Task<HttpResponseMessage>> send)
    {
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Content = JsonContent.Create(intake);
        using var response = await send(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST /api/provision: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!["jobId"]!.GetValue<Guid>();
    }
}
