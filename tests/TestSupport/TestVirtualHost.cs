using System.Net.Http.Headers;
using System.Text;

namespace Provisioner.TestSupport;

/// <summary>
/// A RabbitMQ virtual host of its own for one test host, created through the management API and deleted on dispose.
/// Services name their queues after their consumers (kebab-case), so two test hosts of one service on one broker would
/// otherwise consume each other's messages; a virtual host keeps their exchanges and queues apart.
/// </summary>
public sealed class TestVirtualHost : IAsyncDisposable
{
    private readonly HttpClient management;

    private TestVirtualHost(HttpClient management, string name, Uri amqp)
    {
        this.management = management;
        Name = name;
        AmqpUri = amqp;
    }

    public string Name { get; }

    /// <summary><c>amqp://user:password@host:port/{vhost}</c>, for <c>ConnectionStrings:rabbitmq</c>.</summary>
    public Uri AmqpUri { get; }

    public static async Task<TestVirtualHost> CreateAsync(string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 60)];
        var managementUri = TestEnvironment.RabbitMqManagementUri;
        var user = Uri.UnescapeDataString(managementUri.UserInfo.Split(':')[0]);
        var client = new HttpClient { BaseAddress = new Uri(managementUri.GetLeftPart(UriPartial.Authority) + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(managementUri.UserInfo))));

        using (var created = await client.PutAsync($"api/vhosts/{Uri.EscapeDataString(name)}", Json("{}")))
        {
            created.EnsureSuccessStatusCode();
        }

        using (var granted = await client.PutAsync(
            $"api/permissions/{Uri.EscapeDataString(name)}/{Uri.EscapeDataString(user)}",
            Json("""{"configure":".*","write":".*","read":".*"}""")))
        {
            granted.EnsureSuccessStatusCode();
        }

        var amqp = new UriBuilder(TestEnvironment.RabbitMqUri) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
        return new TestVirtualHost(client, name, amqp);
    }

    public async ValueTask DisposeAsync()
    {
        using (await management.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(Name)}"))
        {
        }

        management.Dispose();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
