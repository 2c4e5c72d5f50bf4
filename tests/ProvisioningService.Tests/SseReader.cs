namespace Provisioner.ProvisioningService.Tests;

/// <summary>One Server-Sent Events frame as a client parses it; a comment-only frame has <see cref="Comment"/> set.</summary>
internal sealed record SseFrame(string? Id, string? Event, string? Data, string? Comment, string? Retry);

/// <summary>Reads the frames of a <c>text/event-stream</c> response, each within a deadline so a hung stream fails the test.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly StreamReader reader = new(stream);

    /// <summary>The next frame, or null when the server ended the stream.</summary>
    public async Task<SseFrame?> NextAsync()
    {
        using var deadline = new CancellationTokenSource(Timeout);
        string? id = null, type = null, data = null, comment = null, retry = null;
        var any = false;
        while (await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.Length == 0)
            {
                if (any)
                {
                    return new SseFrame(id, type, data, comment, retry);
                }

                continue;
            }

            any = true;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? string.Empty : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "": comment = value; break;
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
                case "retry": retry = value; break;
            }
        }

        return null;
    }

    /// <summary>The next frame that is an event (heartbeats and the retry hint are passed over).</summary>
    public async Task<SseFrame?> NextEventAsync()
    {
        while (await NextAsync() is { } frame)
        {
            if (frame.Event is not null)
            {
                return frame;
            }
        }

        return null;
    }

    public void Dispose() => reader.Dispose();
}
