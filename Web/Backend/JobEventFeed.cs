using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.Options;

namespace Provisioner.Web.Backend;

/// <summary>
/// Follows one Server-Sent Event stream and hands each event to the page. A dropped connection is reopened with
/// <c>Last-Event-ID</c> (so nothing is missed or repeated) after a backoff that doubles from
/// <see cref="LiveUpdatesOptions.InitialReconnectDelay"/> to <see cref="LiveUpdatesOptions.MaxReconnectDelay"/>, with
/// jitter so many portals do not reconnect in step; a delivered event resets it. A job stream that ends after its
/// final event is over; a stream that ends before it was cut off and is reopened.
/// </summary>
public sealed class JobEventFeed(JobEventsClient client, IOptions<LiveUpdatesOptions> options, TimeProvider time, ILogger<JobEventFeed> logger)
{
    public async Task RunAsync(
        string path, long? startAfter, bool endsOnFinalEvent, Func<JobEvent, Task> onEvent, Func<FeedState, Task> onState,
        CancellationToken cancellationToken)
    {
        var lastEventId = startAfter;
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            await onState(new FeedState(failures == 0 ? FeedPhase.Connecting : FeedPhase.Reconnecting));
            var sawFinal = false;
            try
            {
                var (response, problem) = await client.OpenAsync(path, lastEventId, cancellationToken);
                if (problem is not null)
                {
                    if (problem.Status is (int)HttpStatusCode.NotFound or (int)HttpStatusCode.Forbidden
                        or (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.MethodNotAllowed)
                    {
                        await onState(new FeedState(FeedPhase.Unavailable, Problem: problem));
                        return;
                    }
                }
                else
                {
                    using (response)
                    {
                        await onState(new FeedState(FeedPhase.Live));
                        await using var body = await response!.Content.ReadAsStreamAsync(cancellationToken);
                        var parser = SseParser.Create(body);
                        await foreach (var item in parser.EnumerateAsync(cancellationToken))
                        {
                            var jobEvent = JobEvent.Parse(item.EventId, item.EventType, item.Data);
                            lastEventId = jobEvent.Id ?? lastEventId;
                            failures = 0;
                            sawFinal |= jobEvent.IsFinal;
                            await onEvent(jobEvent);
                        }
                    }

                    if (endsOnFinalEvent && sawFinal)
                    {
                        await onState(new FeedState(FeedPhase.Ended));
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                // The connection dropped or the service is restarting: reconnect below. The message names the
                // endpoint, never the token.
                logger.LogInformation("Event stream {Path} interrupted: {Reason}", path, ex.Message);
            }

            failures++;
            var delay = Backoff(failures);
            await onState(new FeedState(FeedPhase.Reconnecting, delay));
            await Task.Delay(delay, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var value = options.Value;
        var exponential = value.InitialReconnectDelay * Math.Pow(2, Math.Min(failures - 1, 16));
        var capped = exponential < value.MaxReconnectDelay ? exponential : value.MaxReconnectDelay;
        // ±20 % jitter.
        return capped * (0.8 + (Random.Shared.NextDouble() * 0.4));
    }
}
