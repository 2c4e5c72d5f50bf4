using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Provisioner.ProvisioningService.Data;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// Writes the <c>text/event-stream</c> frames of a job stream and flushes each one, so an event leaves the service when
/// it is written. Written by hand rather than with <c>TypedResults.ServerSentEvents</c>: that result has no way to write
/// the comment lines a heartbeat needs.
/// </summary>
internal sealed class ServerSentEventWriter(HttpResponse response, TimeProvider clock)
{
    private static readonly JsonWriterOptions Compact = new() { Indented = false };

    /// <summary>When the last frame was written: a heartbeat is due when nothing was for a while.</summary>
    public DateTimeOffset LastWrite { get; private set; } = clock.GetUtcNow();

    public async Task StartAsync(TimeSpan reconnectDelay, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        // Tells nginx-style proxies not to buffer; YARP streams event-stream responses without it.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await WriteAsync($"retry: {(long)reconnectDelay.TotalMilliseconds}\n\n", cancellationToken);
    }

    public Task WriteEventAsync(JobEvent e, CancellationToken cancellationToken) =>
        WriteAsync($"id: {e.Id.ToString(CultureInfo.InvariantCulture)}\nevent: {OneLine(e.Type)}\ndata: {Payload(e)}\n\n", cancellationToken);

    public Task WriteCommentAsync(string text, CancellationToken cancellationToken) =>
        WriteAsync($": {OneLine(text)}\n\n", cancellationToken);

    /// <summary>
    /// The <c>data:</c> line: type, job, time and the event's own details. Written compact, so it is one line (a newline
    /// inside a JSON string is escaped).
    /// </summary>
    public static string Payload(JobEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Compact))
        {
            json.WriteStartObject();
            json.WriteString("type", e.Type);
            json.WriteString("jobId", e.JobId);
            json.WriteString("occurredAt", e.OccurredAt);
            json.WritePropertyName("data");
            using (var data = JsonDocument.Parse(e.Data))
            {
                data.RootElement.WriteTo(json);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    // A line break inside a field would end it early and let the rest be read as another field.
    private static string OneLine(string value) => value.ReplaceLineEndings(" ");

    private async Task WriteAsync(string frame, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
        LastWrite = clock.GetUtcNow();
    }
}
