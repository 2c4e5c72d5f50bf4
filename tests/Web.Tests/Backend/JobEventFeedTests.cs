extern alias web;

using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Provisioner.Web.Tests.Components;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Session;

namespace Provisioner.Web.Tests.Backend;

public sealed class JobEventFeedTests
{
    private static readonly LiveUpdatesOptions FastOptions = new()
    {
        InitialReconnectDelay = TimeSpan.FromMilliseconds(50),
        MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
    };

    private readonly List<JobEvent> _events = [];
    private readonly List<FeedState> _states = [];

    [Fact]
    public async Task Run_WhenStreamDropsBeforeTheFinalEvent_ReconnectsWithLastEventIdAndEndsAfterIt()
    {
        var connections = 0;
        var handler = Handler(request => ++connections switch
        {
            1 => Sse(HttpStatusCode.OK, Frame(1, "Running") + Frame(2, "JobStepStarted")),
            2 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            _ => Sse(HttpStatusCode.OK, Frame(3, "Succeeded")),
        });

        await RunAsync(handler, endsOnFinalEvent: true);

        Assert.Equal([1L, 2L, 3L], _events.Select(e => e.Id!.Value));
        var opens = handler.Requests.Where(r => r.Request.RequestUri!.Host == "provisioning").Select(r => r.Request).ToList();
        Assert.Equal(3, opens.Count);
        Assert.False(opens[0].Headers.Contains("Last-Event-ID"));
        Assert.Equal("2", opens[1].Headers.GetValues("Last-Event-ID").Single());
        Assert.Equal("2", opens[2].Headers.GetValues("Last-Event-ID").Single());
        Assert.Equal("Bearer jwt", opens[0].Headers.Authorization?.ToString());
        Assert.Contains(_states, s => s is { Phase: FeedPhase.Reconnecting, RetryIn: not null });
        Assert.Equal(FeedPhase.Ended, _states[^1].Phase);
    }

    [Fact]
    public async Task Run_WhenStreamIsNotFound_ReportsUnavailableWithoutRetrying()
    {
        var handler = Handler(_ => FakeHttpHandler.Json(HttpStatusCode.NotFound, """{"title":"Not Found","status":404}""", "application/problem+json"));

        await RunAsync(handler, endsOnFinalEvent: true);

        Assert.Single(handler.Requests, r => r.Request.RequestUri!.Host == "provisioning");
        Assert.Equal(FeedPhase.Unavailable, _states[^1].Phase);
        Assert.Equal("Not Found", _states[^1].Problem?.Title);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task Run_StartingAfterAnId_AsksForEventsAfterIt()
    {
        var handler = Handler(_ => Sse(HttpStatusCode.OK, Frame(8, "Failed")));

        await RunAsync(handler, endsOnFinalEvent: true, startAfter: 7);

        var open = Assert.Single(handler.Requests, r => r.Request.RequestUri!.Host == "provisioning").Request;
        Assert.Equal("7", open.Headers.GetValues("Last-Event-ID").Single());
    }

    private async Task RunAsync(FakeHttpHandler handler, bool endsOnFinalEvent, long? startAfter = null)
    {
        var credentials = new CircuitCredentials();
        credentials.Capture("provisioner.session=abc");
        var tokens = new ServiceTokenProvider(new AuthApiClient(new HttpClient(handler), credentials), TimeProvider.System);
        var feed = new JobEventFeed(new JobEventsClient(new HttpClient(handler), tokens), Options.Create(FastOptions), TimeProvider.System,
            NullLogger<JobEventFeed>.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await feed.RunAsync("/api/jobs/00000000-0000-0000-0000-000000000001/events", startAfter, endsOnFinalEvent,
            e => { _events.Add(e); return Task.CompletedTask; },
            s => { _states.Add(s); return Task.CompletedTask; },
            timeout.Token);

        Assert.False(timeout.IsCancellationRequested, "The feed should have ended by itself.");
    }

    private static FakeHttpHandler Handler(Func<HttpRequestMessage, HttpResponseMessage> stream) =>
        new((request, _) => request.RequestUri!.Host == "auth"
            ? FakeHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"jwt","token_type":"Bearer","expires_in":300}""")
            : stream(request));

    private static HttpResponseMessage Sse(HttpStatusCode status, string frames) =>
        FakeHttpHandler.Json(status, "retry: 1000\n\n" + frames, "text/event-stream");

    private static string Frame(long id, string type) =>
        $"id: {id}\nevent: {type}\ndata: {{\"type\":\"{type}\",\"jobId\":\"00000000-0000-0000-0000-000000000001\",\"occurredAt\":\"2030-01-01T00:00:00Z\",\"data\":{{}}}}\n\n";
}
