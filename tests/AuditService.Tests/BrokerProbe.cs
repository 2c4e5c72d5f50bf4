using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Provisioner.AuditService.Tests;

/// <summary>
/// A host's virtual host seen from outside the service: raw publishes (what no MassTransit publisher would send), the
/// error queue read back, queue depths and the broker closing a connection, through AMQP and the management API.
/// </summary>
internal sealed class BrokerProbe : IAsyncDisposable
{
    private readonly TestVirtualHost vhost;
    private readonly HttpClient management;
    private readonly IConnection connection;
    private readonly IChannel channel;

    private BrokerProbe(TestVirtualHost vhost, HttpClient management, IConnection connection, IChannel channel)
    {
        this.vhost = vhost;
        this.management = management;
        this.connection = connection;
        this.channel = channel;
    }

    public static async Task<BrokerProbe> OpenAsync(TestVirtualHost vhost)
    {
        var uri = TestEnvironment.RabbitMqManagementUri;
        var management = new HttpClient { BaseAddress = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/") };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
        var connection = await new ConnectionFactory { Uri = vhost.AmqpUri, ClientProvidedName = "test probe" }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        return new BrokerProbe(vhost, management, connection, channel);
    }

    /// <summary>Publishes raw bytes to the audit endpoint's exchange, as a foreign or broken publisher would.</summary>
    public async Task PublishRawAsync(string body, string exchange = "audit-log")
    {
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", Persistent = true, MessageId = Guid.NewGuid().ToString() };
        await channel.BasicPublishAsync(exchange, "", mandatory: false, properties, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>Takes (and acknowledges) the next message of a queue, or null when it is empty.</summary>
    public async Task<(string Body, IReadOnlyBasicProperties Properties)?> GetAsync(string queue)
    {
        var result = await channel.BasicGetAsync(queue, autoAck: true);
        return result is null ? null : (Encoding.UTF8.GetString(result.Body.Span), result.BasicProperties);
    }

    /// <summary>Ready and unacknowledged messages of a queue, as the management API reports them (refreshed every few seconds).</summary>
    public async Task<(long Ready, long Unacknowledged)> DepthAsync(string queue)
    {
        using var document = JsonDocument.Parse(await management.GetStringAsync(
            $"api/queues/{Uri.EscapeDataString(vhost.Name)}/{Uri.EscapeDataString(queue)}"));
        var root = document.RootElement;
        return (Number(root, "messages_ready"), Number(root, "messages_unacknowledged"));
    }

    public async Task<bool> QueueExistsAsync(string queue)
    {
        using var response = await management.GetAsync($"api/queues/{Uri.EscapeDataString(vhost.Name)}/{Uri.EscapeDataString(queue)}");
        return response.IsSuccessStatusCode;
    }

    /// <summary>Has the broker close every connection of the virtual host whose client name is <paramref name="clientName"/>.</summary>
    public async Task<int> CloseConnectionsAsync(string clientName)
    {
        using var document = JsonDocument.Parse(await management.GetStringAsync($"api/vhosts/{Uri.EscapeDataString(vhost.Name)}/connections"));
        var names = document.RootElement.EnumerateArray()
            .Where(c => c.TryGetProperty("client_properties", out var p) && p.TryGetProperty("connection_name", out var n) && n.GetString() == clientName)
            .Select(c => c.GetProperty("name").GetString()!)
            .ToList();
        foreach (var name in names)
        {
            using var deleted = await management.DeleteAsync($"api/connections/{Uri.EscapeDataString(name)}");
            deleted.EnsureSuccessStatusCode();
        }

        return names.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await channel.CloseAsync();
        await connection.CloseAsync();
        connection.Dispose();
        management.Dispose();
    }

    private static long Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;
}
