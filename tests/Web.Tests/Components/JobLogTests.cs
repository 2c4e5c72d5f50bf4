extern alias web;

using Bunit;
using MudBlazor.Services;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Jobs;
using web::Provisioner.Web.Errors;

namespace Provisioner.Web.Tests.Components;

public sealed class JobLogTests : IAsyncLifetime
{
    // Composed, not inherited: MudBlazor's services are only IAsyncDisposable, and xunit 2 disposes a test class synchronously.
    private readonly BunitContext _bunit = new();

    public JobLogTests()
    {
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    [Fact]
    public void Render_WithEvents_ShowsOneLinePerEventInOrderWithFailuresMarked()
    {
        var events = new[]
        {
            JobEvent.Parse("1", "JobStepStarted", """{"type":"JobStepStarted","jobId":"0b5e0c4e-9a3f-4c1e-8b2a-1d2c3e4f5a6b","occurredAt":"2030-01-01T10:00:01Z","data":{"step":"create-location","attempt":2}}"""),
            JobEvent.Parse("2", "JobStepFailed", """{"type":"JobStepFailed","occurredAt":"2030-01-01T10:00:02Z","data":{"step":"create-location","attempt":2,"error":"GHL answered 503","retryable":true,"final":false}}"""),
            JobEvent.Parse("3", "SnapshotLoadProgressed", """{"type":"SnapshotLoadProgressed","occurredAt":"2030-01-01T10:00:03Z","data":{"percentComplete":40,"detail":"4 of 10 assets"}}"""),
        };

        var log = _bunit.Render<JobLog>(p => p.Add(c => c.Events, events).Add(c => c.State, new FeedState(FeedPhase.Live)));

        var lines = log.FindAll("li.job-log-line");
        Assert.Equal(3, lines.Count);
        Assert.Equal("10:00:01 Step create-location started (attempt 2).", Normalize(lines[0].TextContent));
        Assert.Equal("10:00:02 Step create-location failed (attempt 2): GHL answered 503 — will retry.", Normalize(lines[1].TextContent));
        Assert.Contains("job-log-error", lines[1].ClassList);
        Assert.DoesNotContain("job-log-error", lines[0].ClassList);
        Assert.Equal("10:00:03 Snapshot loading: 40 % (4 of 10 assets)", Normalize(lines[2].TextContent));
        Assert.Equal("Live", log.Find("#feed-state").TextContent);
        Assert.Equal("log", log.Find("ol").GetAttribute("role"));
    }

    [Fact]
    public void Render_WithoutEvents_SaysSo()
    {
        var log = _bunit.Render<JobLog>(p => p.Add(c => c.Events, Array.Empty<JobEvent>()));

        Assert.Equal("No events yet.", log.Find("#job-log-empty").TextContent);
        Assert.Empty(log.FindAll("li.job-log-line"));
    }

    [Fact]
    public void Render_WhileReconnecting_ShowsTheWaitAndWhenUnavailableWhy()
    {
        var log = _bunit.Render<JobLog>(p => p.Add(c => c.Events, Array.Empty<JobEvent>())
            .Add(c => c.State, new FeedState(FeedPhase.Reconnecting, TimeSpan.FromSeconds(3.2))));
        Assert.Equal("Connection lost; reconnecting in 4 s", log.Find("#feed-state").TextContent);

        log.Render(p => p.Add(c => c.State, new FeedState(FeedPhase.Unavailable, Problem: new ProblemInfo("Not Found", Status: 404))));
        Assert.Equal("Live updates unavailable (Not Found); refreshing periodically", log.Find("#feed-state").TextContent);
    }

    [Fact]
    public void Parse_WithDataThatIsNotJson_KeepsTheEventByItsType()
    {
        var e = JobEvent.Parse("x", "Succeeded", "not json");

        Assert.Null(e.Id);
        Assert.Equal("Succeeded", e.Type);
        Assert.True(e.IsFinal);
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
