using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Streaming;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>
/// Live streams learn of a committed event from PostgreSQL's notification (the <c>job_events</c> trigger), and every
/// stream on one job shares one reader. The hosts here poll only once a minute, so an event that arrives within the
/// reader's 20 s timeout came through the notification.
/// </summary>
[Collection(StreamingCollection.Name)]
public sealed class JobEventNotificationTests(StreamingHost host)
{
    [Fact]
    public async Task JobStream_PollOnceAMinute_LiveEventArrivesOnCommit()
    {
        await using var slow = SlowPolling();
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        await host.AddEventAsync(job, agency, "Running", "{}");
        await ListeningAsync(slow);

        using var response = await OpenAsync(slow, agency, $"/api/jobs/{job}/events");
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("Running", (await sse.NextEventAsync())?.Event);

        var step = await host.AddEventAsync(job, agency, "JobStepStarted", "{}");
        Assert.Equal(step.ToString(CultureInfo.InvariantCulture), (await BeforeNextPollAsync(sse))?.Id);
        var done = await host.AddEventAsync(job, agency, "Succeeded", "{}", JobStatus.Succeeded);
        Assert.Equal(done.ToString(CultureInfo.InvariantCulture), (await BeforeNextPollAsync(sse))?.Id);
        Assert.Null(await sse.NextEventAsync());
    }

    [Fact]
    public async Task AgencyStream_PollOnceAMinute_LiveEventArrivesOnCommit()
    {
        await using var slow = SlowPolling();
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        await ListeningAsync(slow);
        await slow.Services.GetRequiredService<JobEventWatermark>().ReadyAsync(CancellationToken.None);

        using var response = await OpenAsync(slow, agency, "/api/jobs/events");
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("3000", (await sse.NextAsync())?.Retry);

        var live = await host.AddEventAsync(job, agency, "JobStepCompleted", "{}");
        Assert.Equal(live.ToString(CultureInfo.InvariantCulture), (await BeforeNextPollAsync(sse))?.Id);
    }

    [Fact]
    public async Task JobStream_ManyStreamsOnOneJob_EachGetsEveryEventAndTheChannelCloses()
    {
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        var past = await host.AddEventAsync(job, agency, "Running", "{}");
        var channels = host.Factory.Services.GetRequiredService<JobEventChannels>();

        var streams = new List<(HttpResponseMessage Response, SseReader Reader)>();
        for (var i = 0; i < 25; i++)
        {
            var response = await OpenAsync(host.Factory, agency, $"/api/jobs/{job}/events");
            var reader = new SseReader(await response.Content.ReadAsStreamAsync());
            Assert.Equal(past.ToString(CultureInfo.InvariantCulture), (await reader.NextEventAsync())?.Id);
            streams.Add((response, reader));
        }

        var step = await host.AddEventAsync(job, agency, "JobStepCompleted", "{}");
        var done = await host.AddEventAsync(job, agency, "Succeeded", "{}", JobStatus.Succeeded);
        foreach (var (response, reader) in streams)
        {
            Assert.Equal(step.ToString(CultureInfo.InvariantCulture), (await reader.NextEventAsync())?.Id);
            Assert.Equal(done.ToString(CultureInfo.InvariantCulture), (await reader.NextEventAsync())?.Id);
            Assert.Null(await reader.NextEventAsync());
            reader.Dispose();
            response.Dispose();
        }

        await Eventually.TrueAsync(() => Task.FromResult(channels.OpenChannels == 0), TimeSpan.FromSeconds(20), "every job channel to close");
    }

    /// <summary>
    /// The next event, failing after 20 s: heartbeats (every 300 ms here) keep the reader's own per-frame deadline from
    /// firing, and the next poll is a minute away, so only a notification brings the event in time.
    /// </summary>
    private static Task<SseFrame?> BeforeNextPollAsync(SseReader sse) => sse.NextEventAsync().WaitAsync(TimeSpan.FromSeconds(20));

    private WebApplicationFactory<Program> SlowPolling() =>
        host.Factory.WithWebHostBuilder(builder => builder.UseSetting("JobStreamOptions:PollInterval", "00:01:00"));

    private static Task ListeningAsync(WebApplicationFactory<Program> factory)
    {
        var notifications = factory.Services.GetRequiredService<JobEventNotifications>();
        return Eventually.TrueAsync(() => Task.FromResult(notifications.Listening), TimeSpan.FromSeconds(20), "the job event listener to connect");
    }

    private static async Task<HttpResponseMessage> OpenAsync(WebApplicationFactory<Program> factory, string agency, string url)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue(agency, "viewer"));
        return await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
    }
}
