using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Streaming;

namespace Provisioner.ProvisioningService.Tests;

[Collection(StreamingCollection.Name)]
public sealed class JobEventStreamTests(StreamingHost host)
{
    [Fact]
    public async Task JobStream_PastThenLive_SendsInOrderAndEndsOnFinalState()
    {
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        var queued = await host.AddEventAsync(job, agency, "Queued", """{"status":"Queued"}""");
        var running = await host.AddEventAsync(job, agency, "Running", """{"status":"Running"}""");

        using var response = await OpenAsync(host.ClientFor(agency, "viewer"), $"/api/jobs/{job}/events");
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3000", (await sse.NextAsync())?.Retry);
        var first = await sse.NextEventAsync();
        Assert.Equal((queued.ToString(), "Queued"), (first?.Id, first?.Event));
        var data = JsonDocument.Parse(first!.Data!).RootElement;
        Assert.Equal("Queued", data.GetProperty("type").GetString());
        Assert.Equal(job, data.GetProperty("jobId").GetGuid());
        Assert.Equal("Queued", data.GetProperty("data").GetProperty("status").GetString());
        Assert.True(data.TryGetProperty("occurredAt", out _));
        Assert.Equal(running.ToString(), (await sse.NextEventAsync())?.Id);

        var step = await host.AddEventAsync(job, agency, "JobStepStarted", """{"step":"create-location","attempt":1}""");
        var live = await sse.NextEventAsync();
        Assert.Equal((step.ToString(), "JobStepStarted"), (live?.Id, live?.Event));

        var succeeded = await host.AddEventAsync(job, agency, "Succeeded", """{"status":"Succeeded"}""", JobStatus.Succeeded);
        Assert.Equal(succeeded.ToString(), (await sse.NextEventAsync())?.Id);
        Assert.Null(await sse.NextEventAsync());
    }

    [Fact]
    public async Task JobStream_FailedJob_EndsAfterFailedEvent()
    {
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Failed);
        await host.AddEventAsync(job, agency, "Queued", "{}");
        var failed = await host.AddEventAsync(job, agency, "Failed", """{"status":"Failed","error":"GHL 422"}""");

        using var response = await OpenAsync(host.ClientFor(agency), $"/api/jobs/{job}/events");
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("Queued", (await sse.NextEventAsync())?.Event);
        Assert.Equal(failed.ToString(), (await sse.NextEventAsync())?.Id);
        Assert.Null(await sse.NextEventAsync());
    }

    [Fact]
    public async Task JobStream_FailedThenRetried_GoesOnUntilTheRetryEnds()
    {
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        await host.AddEventAsync(job, agency, "Failed", "{}");
        await host.AddEventAsync(job, agency, "Retried", "{}");

        using var response = await OpenAsync(host.ClientFor(agency), $"/api/jobs/{job}/events");
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("Failed", (await sse.NextEventAsync())?.Event);
        Assert.Equal("Retried", (await sse.NextEventAsync())?.Event);
        var succeeded = await host.AddEventAsync(job, agency, "Succeeded", "{}", JobStatus.Succeeded);
        Assert.Equal(succeeded.ToString(), (await sse.NextEventAsync())?.Id);
        Assert.Null(await sse.NextEventAsync());
    }

    [Fact]
    public async Task JobStream_LastEventId_ResumesAfterThatEvent()
    {
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Succeeded);
        var ids = new List<long>();
        foreach (var type in new[] { "Queued", "Running", "JobStepCompleted", "Succeeded" })
        {
            ids.Add(await host.AddEventAsync(job, agency, type, "{}"));
        }

        var client = host.ClientFor(agency);
        using (var byHeader = await OpenAsync(client, $"/api/jobs/{job}/events", lastEventId: ids[1]))
        {
            Assert.Equal([ids[2], ids[3]], await ReadToEndAsync(byHeader));
        }

        using var byQuery = await OpenAsync(client, $"/api/jobs/{job}/events?lastEventId={ids[2]}");
        Assert.Equal([ids[3]], await ReadToEndAsync(byQuery));
    }

    [Fact]
    public async Task JobStream_Idle_SendsKeepAliveComments()
    {
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        await host.AddEventAsync(job, agency, "Running", "{}");

        using var response = await OpenAsync(host.ClientFor(agency), $"/api/jobs/{job}/events");
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("Running", (await sse.NextEventAsync())?.Event);
        // HeartbeatInterval is 300 ms in this host; nothing else is written to an idle stream.
        Assert.Equal("keep-alive", (await sse.NextAsync())?.Comment);
        Assert.Equal("keep-alive", (await sse.NextAsync())?.Comment);
    }

    [Fact]
    public async Task JobStream_OtherAgencyOrUnknownJob_Returns404Problem()
    {
        var owner = Intakes.NewAgency();
        var job = await host.NewJobAsync(owner, JobStatus.Running);
        await host.AddEventAsync(job, owner, "Running", "{}");
        var stranger = host.ClientFor(Intakes.NewAgency(), "admin");

        using var other = await stranger.GetAsync($"/api/jobs/{job}/events");
        using var unknown = await stranger.GetAsync($"/api/jobs/{Guid.NewGuid()}/events");

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await other.JsonAsync()).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task JobStream_BadLastEventId_Returns400NamingIt()
    {
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        var client = host.ClientFor(agency);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{job}/events");
        request.Headers.Add("Last-Event-ID", "abc");

        using var byHeader = await client.SendAsync(request);
        using var byQuery = await client.GetAsync($"/api/jobs/{job}/events?lastEventId=-1");

        Assert.Equal(HttpStatusCode.BadRequest, byHeader.StatusCode);
        Assert.Equal(["Last-Event-ID"], await byHeader.ErrorFieldsAsync());
        Assert.Equal(["lastEventId"], await byQuery.ErrorFieldsAsync());
    }

    [Fact]
    public async Task AgencyStream_FromNow_SendsOnlyNewEventsOfOwnAgency()
    {
        var agency = Intakes.NewAgency();
        var other = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        var otherJob = await host.NewJobAsync(other, JobStatus.Running);
        var old = await host.AddEventAsync(job, agency, "Queued", "{}");
        await WatermarkReachesAsync(old);

        using var response = await OpenAsync(host.ClientFor(agency, "viewer"), "/api/jobs/events");
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        Assert.NotNull((await sse.NextAsync())?.Retry);
        await host.AddEventAsync(otherJob, other, "Running", "{}");
        var mine = await host.AddEventAsync(job, agency, "JobStepStarted", """{"step":"create-location"}""");

        var first = await sse.NextEventAsync();
        Assert.Equal((mine.ToString(), "JobStepStarted"), (first?.Id, first?.Event));
        Assert.Equal(job, JsonDocument.Parse(first!.Data!).RootElement.GetProperty("jobId").GetGuid());
    }

    [Fact]
    public async Task AgencyStream_LastEventId_ResumesAcrossJobs()
    {
        var agency = Intakes.NewAgency();
        var a = await host.NewJobAsync(agency, JobStatus.Running);
        var b = await host.NewJobAsync(agency, JobStatus.Succeeded);
        var first = await host.AddEventAsync(a, agency, "Queued", "{}");
        var second = await host.AddEventAsync(b, agency, "Succeeded", "{}");
        var third = await host.AddEventAsync(a, agency, "Running", "{}");

        using var response = await OpenAsync(host.ClientFor(agency), "/api/jobs/events", lastEventId: first);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal(second.ToString(), (await sse.NextEventAsync())?.Id);
        Assert.Equal(third.ToString(), (await sse.NextEventAsync())?.Id);
    }

    [Fact]
    public async Task AgencyStream_LowerIdCommittedAfterHigherOne_IsSentFirstAndNotLost()
    {
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        await WatermarkReachesAsync(await host.AddEventAsync(job, agency, "Queued", "{}"));
        using var response = await OpenAsync(host.ClientFor(agency), "/api/jobs/events");
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        Assert.NotNull((await sse.NextAsync())?.Retry);

        await using var slow = new NpgsqlConnection(host.ConnectionString);
        await slow.OpenAsync();
        await using var transaction = await slow.BeginTransactionAsync();
        var early = await InsertEventAsync(slow, transaction, job, agency, "JobStepStarted");
        var late = await InsertEventAsync(null, null, job, agency, "SnapshotLoadProgressed");
        // Time for a reader that trusted ids to send 'late' and move past 'early' for good.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await transaction.CommitAsync();

        Assert.Equal(early.ToString(), (await sse.NextEventAsync())?.Id);
        Assert.Equal(late.ToString(), (await sse.NextEventAsync())?.Id);
    }

    [Fact]
    public async Task AgencyStream_RolledBackId_DoesNotStopTheStream()
    {
        var agency = Intakes.NewAgency();
        var job = await host.NewJobAsync(agency, JobStatus.Running);
        await WatermarkReachesAsync(await host.AddEventAsync(job, agency, "Queued", "{}"));
        using var response = await OpenAsync(host.ClientFor(agency), "/api/jobs/events");
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        Assert.NotNull((await sse.NextAsync())?.Retry);

        await using (var aborted = new NpgsqlConnection(host.ConnectionString))
        {
            await aborted.OpenAsync();
            await using var transaction = await aborted.BeginTransactionAsync();
            await InsertEventAsync(aborted, transaction, job, agency, "JobStepStarted");
            await transaction.RollbackAsync();
        }

        var after = await InsertEventAsync(null, null, job, agency, "Running");

        Assert.Equal(after.ToString(), (await sse.NextEventAsync())?.Id);
    }

    private async Task<long> InsertEventAsync(NpgsqlConnection? connection, NpgsqlTransaction? transaction, Guid job, string agency, string type)
    {
        await using var own = connection is null ? new NpgsqlConnection(host.ConnectionString) : null;
        if (own is not null)
        {
            await own.OpenAsync();
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO job_events (job_id, agency_id, type, data, occurred_at) VALUES ($1, $2, $3, '{}'::jsonb, now()) RETURNING id",
            connection ?? own, transaction);
        insert.Parameters.Add(new NpgsqlParameter { Value = job });
        insert.Parameters.Add(new NpgsqlParameter { Value = agency });
        insert.Parameters.Add(new NpgsqlParameter { Value = type });
        return (long)(await insert.ExecuteScalarAsync())!;
    }

    private Task WatermarkReachesAsync(long id)
    {
        var watermark = host.Factory.Services.GetRequiredService<JobEventWatermark>();
        return Eventually.TrueAsync(() => Task.FromResult(watermark.Value >= id), TimeSpan.FromSeconds(20), $"the watermark to reach {id}");
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string url, long? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static async Task<List<long>> ReadToEndAsync(HttpResponseMessage response)
    {
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync());
        var ids = new List<long>();
        while (await sse.NextEventAsync() is { } frame)
        {
            ids.Add(long.Parse(frame.Id!, CultureInfo.InvariantCulture));
        }

        return ids;
    }
}
