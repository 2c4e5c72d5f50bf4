using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Options;

namespace Provisioner.GhlSandbox.Webhooks;

/// <summary>
/// Queues webhook events and delivers them in the background, signed, to the configured URL. Like GHL it
/// retries only when the receiver answers 429. Every attempt is kept in a bounded delivery log.
/// </summary>
public sealed class WebhookDispatcher(
    IHttpClientFactory clients,
    WebhookSigner signer,
    TimeProvider time,
    IOptions<GhlSandboxOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "ghl-webhooks";
    private const int MaxAttempts = 3;
    private const int LogCapacity = 500;

    private readonly Channel<JsonObject> queue = Channel.CreateUnbounded<JsonObject>();
    private readonly Lock gate = new();
    private readonly LinkedList<WebhookDelivery> log = new();

    public void Enqueue(JsonObject payload)
    {
        // GHL payloads carry a timestamp and webhookId so receivers can refuse replays (WebhookAuthentication.md).
        payload["timestamp"] = time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        payload["webhookId"] = Ids.NewId();
        queue.Writer.TryWrite(payload);
    }

    public IReadOnlyList<WebhookDelivery> Deliveries()
    {
        lock (gate)
        {
            return [.. log];
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var payload in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(payload, stoppingToken);
        }
    }

    private async Task DeliverAsync(JsonObject payload, CancellationToken cancellationToken)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString());
        var type = payload["type"]?.GetValue<string>() ?? "unknown";
        var url = options.Value.WebhookUrl;
        if (url is null)
        {
            Record(new WebhookDelivery(type, null, null, 0, time.GetUtcNow(), payload.ToJsonString()));
            return;
        }

        var client = clients.CreateClient(ClientName);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            int? status = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Add("x-wh-signature", signer.RsaSignature(body));
                request.Headers.Add("X-GHL-Signature", signer.Ed25519Signature(body));
                using var response = await client.SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException ex)
            {
                logger.LogWarning("Webhook {Type} to {Url} failed: {Error}", type, url, ex.Message);
            }

            Record(new WebhookDelivery(type, url, status, attempt, time.GetUtcNow(), payload.ToJsonString()));
            if (status != StatusCodes.Status429TooManyRequests)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(attempt), time, cancellationToken);
        }
    }

    private void Record(WebhookDelivery delivery)
    {
        lock (gate)
        {
            log.AddLast(delivery);
            if (log.Count > LogCapacity)
            {
                log.RemoveFirst();
            }
        }
    }
}

/// <summary>One delivery attempt; Url null means no webhook URL is configured, Status null a transport failure.</summary>
public sealed record WebhookDelivery(string Type, string? Url, int? Status, int Attempt, DateTimeOffset Time, string Body);
