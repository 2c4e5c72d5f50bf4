using System.Collections.Concurrent;
using System.Net;

namespace Provisioner.GhlSandbox.Tests;

/// <summary>Stands in for the app's webhook endpoint: keeps each delivery's raw body and headers, answers 200.</summary>
public sealed class WebhookCapture : HttpMessageHandler
{
    public const string Url = "http://receiver.test/webhooks/ghl";

    public ConcurrentQueue<CapturedWebhook> Received { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Received.Enqueue(new CapturedWebhook(
            request.RequestUri!,
            body,
            request.Headers.GetValues("x-wh-signature").Single(),
            request.Headers.GetValues("X-GHL-Signature").Single()));
        return new HttpResponseMessage(HttpStatusCode.OK);
    }
}

public sealed record CapturedWebhook(Uri Url, byte[] Body, string RsaSignature, string Ed25519Signature)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}
