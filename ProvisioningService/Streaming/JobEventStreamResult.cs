using Microsoft.Extensions.Options;

namespace Provisioner.ProvisioningService.Streaming;

/// <summary>
/// A Server-Sent Events response over a feed: the <c>retry:</c> hint, then every event after the resume point in id
/// order, then live ones as the feed finds them, with a <c>: keep-alive</c> comment whenever nothing was written for
/// <see cref="JobStreamOptions.HeartbeatInterval"/>. Ends when the feed is complete or the client goes away.
/// </summary>
public sealed class JobEventStreamResult : IResult
{
    private readonly IJobEventFeed feed;
    private readonly long after;

    internal JobEventStreamResult(IJobEventFeed feed, long after)
    {
        this.feed = feed;
        this.after = after;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JobStreamOptions>>().Value;
        var clock = httpContext.RequestServices.GetRequiredService<TimeProvider>();
        var cancellationToken = httpContext.RequestAborted;
        var writer = new ServerSentEventWriter(httpContext.Response, clock);
        var last = after;
        try
        {
            await writer.StartAsync(options.ReconnectDelay, cancellationToken);
            while (!await feed.IsCompleteAsync(last, cancellationToken))
            {
                var events = await feed.NextAsync(last, options.BatchSize, cancellationToken);
                foreach (var e in events)
                {
                    await writer.WriteEventAsync(e, cancellationToken);
                    last = e.Id;
                }

                // A full batch means more is waiting; anything sent may have been the last event, so look again now.
                if (events.Count > 0)
                {
                    continue;
                }

                var untilHeartbeat = writer.LastWrite + options.HeartbeatInterval - clock.GetUtcNow();
                if (untilHeartbeat <= TimeSpan.Zero)
                {
                    await writer.WriteCommentAsync("keep-alive", cancellationToken);
                    untilHeartbeat = options.HeartbeatInterval;
                }

                await feed.WaitAsync(untilHeartbeat < options.PollInterval ? untilHeartbeat : options.PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client disconnected: nothing to answer.
        }
        finally
        {
            feed.Dispose();
        }
    }
}
