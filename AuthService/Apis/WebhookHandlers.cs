using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Provisioner.AuthService.Webhooks;

namespace Provisioner.AuthService.Apis;

public static class WebhookHandlers
{
    /// <summary>
    /// Signature over the raw body, then freshness (timestamp within MaxAge), then replay (webhookId seen), then
    /// the event. GHL redelivers only on 429, so any other answer is final: errors are for our logs, not for GHL.
    /// </summary>
    public static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request, WebhookSignatureVerifier verifier, GhlWebhookProcessor processor, IOptions<GhlWebhookOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "body", "The webhook body is too large.");
        }

        if (!verifier.Verify(body, request.Headers[WebhookSignatureVerifier.Ed25519Header], request.Headers[WebhookSignatureVerifier.RsaHeader]))
        {
            return Problems.Status(StatusCodes.Status401Unauthorized, "signature", "The webhook signature is missing or invalid.");
        }

        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Problems.Field("body", "The webhook body is not JSON.");
        }

        var timestamp = GhlWebhookProcessor.Text(payload, "timestamp");
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt))
        {
            return Problems.Field("timestamp", "The webhook has no valid timestamp.");
        }

        var maxAge = options.Value.MaxAge;
        if ((clock.GetUtcNow() - sentAt).Duration() > maxAge)
        {
            return Problems.Field("timestamp", $"The webhook timestamp is more than {maxAge.TotalMinutes:0.#} minutes from now.");
        }

        if (GhlWebhookProcessor.Text(payload, "webhookId") is not { Length: > 0 and <= 128 } webhookId)
        {
            return Problems.Field("webhookId", "The webhook has no webhookId.");
        }

        if (!await processor.TryRecordAsync(webhookId, GhlWebhookProcessor.Text(payload, "type") ?? "", maxAge * 2, cancellationToken))
        {
            return Problems.Status(StatusCodes.Status409Conflict, "webhookId", "This webhook was already processed.");
        }

        await processor.HandleAsync(payload, cancellationToken);
        return TypedResults.Ok();
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
