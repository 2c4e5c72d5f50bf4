using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>Calls of the custom value templates API shared by the templates' test classes.</summary>
internal static class CustomValueTemplatesApi
{
    public const string Route = "/api/provision/settings/custom-value-templates";

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, JsonObject templates) =>
        client.PutAsJsonAsync(Route, new JsonObject { ["templates"] = templates });

    public static async Task PutValidAsync(ProvisioningHost host, string agency, JsonObject templates)
    {
        using var response = await PutAsync(host.ClientFor(agency, "admin"), templates);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<Dictionary<string, string>> TemplatesAsync(HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("templates").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    public static async Task<JsonElement> DryRunAsync(HttpClient client, JsonObject intake)
    {
        using var response = await client.PostAsync(intake, key: null, dryRun: true);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
