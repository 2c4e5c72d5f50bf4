using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioner.ServiceDefaults.Correlation;

namespace Provisioner.ServiceDefaults.Tests;

public sealed class CorrelationIdTests
{
    [Fact]
    public async Task Request_WithoutHeader_GetsGeneratedIdOnResponse()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapGet("/ping", () => "pong"));
        using var client = app.GetTestClient();

        var response = await client.GetAsync("/ping");

        var id = Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName));
        Assert.True(CorrelationId.IsValid(id));
    }

    [Fact]
    public async Task Request_WithValidHeader_EchoesIt()
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapGet("/ping", () => "pong"));
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ping");
        request.Headers.Add(CorrelationId.HeaderName, "job-42.step:3");

        var response = await client.SendAsync(request);

        Assert.Equal("job-42.step:3", Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName)));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("<script>")]
    [InlineData("line\u2028break")]
    public async Task Request_WithUnsafeHeader_ReplacesIt(string unsafeId)
    {
        await using var app = await TestApp.StartAsync(map: a => a.MapGet("/ping", () => "pong"));
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ping");
        request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, unsafeId);

        var response = await client.SendAsync(request);

        var id = Assert.Single(response.Headers.GetValues(CorrelationId.HeaderName));
        Assert.NotEqual(unsafeId, id);
        Assert.True(CorrelationId.IsValid(id));
    }

    [Fact]
    public void IsValid_TooLong_ReturnsFalse()
    {
        Assert.False(CorrelationId.IsValid(new string('a', CorrelationId.MaxLength + 1)));
        Assert.True(CorrelationId.IsValid(new string('a', CorrelationId.MaxLength)));
    }

    [Fact]
    public async Task OutgoingHttpCall_DuringRequest_CarriesTheId()
    {
        var seen = new RecordingHandler();
        await using var app = await TestApp.StartAsync(
            b => b.Services.AddHttpClient("downstream").ConfigurePrimaryHttpMessageHandler(() => seen),
            a => a.MapGet("/call", async (IHttpClientFactory factory) =>
            {
                await factory.CreateClient("downstream").GetAsync("http://downstream.test/x");
                return Results.Ok();
            }));
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/call");
        request.Headers.Add(CorrelationId.HeaderName, "abc-123");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("abc-123", seen.LastCorrelationId);
    }

    [Fact]
    public async Task LogInRequest_HasTraceIdAndCorrelationIdInScope()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await TestApp.StartAsync(
            b => b.CaptureLogs(logs),
            a => a.MapGet("/work", (ILoggerFactory factory) =>
            {
                factory.CreateLogger("Work").LogInformation("doing the work");
                return Results.Ok();
            }));
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/work");
        request.Headers.Add(CorrelationId.HeaderName, "trace-me");

        await client.SendAsync(request);

        var entry = Assert.Single(logs.Entries, e => e.Message == "doing the work");
        var traceId = Assert.IsType<string>(entry.Scope["TraceId"]);
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        Assert.NotEqual(new string('0', 32), traceId);
        Assert.Equal("trace-me", entry.Scope["CorrelationId"]);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public string? LastCorrelationId { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastCorrelationId = request.Headers.TryGetValues(CorrelationId.HeaderName, out var v) ? v.Single() : null;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
