using System.Net;
using Provisioner.GhlClient.Tests.Support;
using Provisioner.TestSupport;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Provisioner.GhlClient.Tests;

public sealed class GhlRetryTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public void Dispose() => _server.Stop();

    [Fact]
    public async Task GetCompany_TwoRateLimitedAnswers_WaitsTheAnnouncedIntervalAndSucceeds()
    {
        StubSequence("/companies/c-1", "GET",
            RateLimited(intervalMs: 400),
            RateLimited(intervalMs: 400),
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Samples.CompanyJson));
        await using var host = GhlTestHost.Create(_server.Url!);

        var company = await host.Companies.GetAsync("c-1");

        Assert.Equal("Acme Agency", company.Name);
        var times = _server.LogEntries.Select(e => e.RequestMessage.DateTime).OrderBy(t => t).ToList();
        Assert.Equal(3, times.Count);
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(380),
            $"retried after {(pair.Second - pair.First).TotalMilliseconds:0} ms, before the 400 ms interval GHL announced"));
    }

    [Fact]
    public async Task GetCompany_DailyBudgetSpent_FailsFastWithoutRetry()
    {
        _server.Given(Request.Create().WithPath("/companies/c-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429)
                .WithHeader("X-RateLimit-Daily-Remaining", "0").WithHeader("X-RateLimit-Limit-Daily", "200000"));
        await using var host = GhlTestHost.Create(_server.Url!);

        var error = await Assert.ThrowsAsync<GhlRateLimitExceededException>(() => host.Companies.GetAsync("c-1"));

        Assert.Equal("company:c-1", error.ResourceKey);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task GetCompany_ServerErrorsThenSuccess_RetriesAndSucceeds()
    {
        StubSequence("/companies/c-1", "GET",
            Response.Create().WithStatusCode(503),
            Response.Create().WithStatusCode(500).WithBody("""{"statusCode":500,"message":"Internal"}"""),
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Samples.CompanyJson));
        await using var host = GhlTestHost.Create(_server.Url!);

        var company = await host.Companies.GetAsync("c-1");

        Assert.Equal("c-1", company.Id);
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task GetCompany_PersistentServerError_StopsAfterMaxRetriesWithGhlDetails()
    {
        _server.Given(Request.Create().WithPath("/companies/c-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(502).WithBody("""{"statusCode":502,"message":"Bad gateway","traceId":"trace-9"}"""));
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?> { ["MaxRetries"] = "2" });

        var error = await Assert.ThrowsAsync<GhlApiException>(() => host.Companies.GetAsync("c-1"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal("trace-9", error.TraceId);
        Assert.Equal(["Bad gateway"], error.Messages);
        Assert.True(error.IsTransient);
        Assert.Equal(3, _server.LogEntries.Count());
    }

    [Fact]
    public async Task GetLocation_UnprocessableWithMessageArray_ThrowsOnceWithAllMessages()
    {
        _server.Given(Request.Create().WithPath("/locations/loc-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(422)
                .WithBody("""{"statusCode":422,"message":["name must be a string","email is invalid"],"error":"Unprocessable Entity"}"""));
        await using var host = GhlTestHost.Create(_server.Url!);

        var error = await Assert.ThrowsAsync<GhlApiException>(() => host.Locations.GetAsync(GhlTokenRequest.Agency("c-1"), "loc-1"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal(["name must be a string", "email is invalid"], error.Messages);
        Assert.False(error.IsTransient);
        Assert.Single(_server.LogEntries);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateLocation_AttemptTimesOut_IsNotResentAndIsAmbiguous(bool? serviceDefaults)
    {
        _server.Given(Request.Create().WithPath("/locations/").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Samples.LocationJson).WithDelay(TimeSpan.FromSeconds(4)));
        await using var host = GhlTestHost.Create(
            _server.Url!, new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:01.500" }, serviceDefaults);

        var error = await Assert.ThrowsAsync<GhlAmbiguousCreateException>(() => host.Locations.CreateAsync(Samples.CreateLocation()));

        Assert.Null(error.StatusCode);
        Assert.Equal("locations.create", error.Operation);
        await Eventually.TrueAsync(() => Task.FromResult(_server.LogEntries.Any()), TimeSpan.FromSeconds(20), "the request to be logged");
        Assert.Single(_server.LogEntries);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateLocation_ServerError_IsNotResentEvenBehindServiceDefaults(bool serviceDefaultsFirst)
    {
        _server.Given(Request.Create().WithPath("/locations/").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"statusCode":500,"message":"oops","traceId":"t-500"}"""));
        await using var host = GhlTestHost.Create(_server.Url!, serviceDefaults: serviceDefaultsFirst);

        var error = await Assert.ThrowsAsync<GhlAmbiguousCreateException>(() => host.Locations.CreateAsync(Samples.CreateLocation()));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal("t-500", error.TraceId);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task CreateLocation_RateLimited_IsResentBecauseNothingWasCreated()
    {
        StubSequence("/locations/", "POST",
            RateLimited(intervalMs: 100),
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Samples.LocationJson));
        await using var host = GhlTestHost.Create(_server.Url!);

        var location = await host.Locations.CreateAsync(Samples.CreateLocation());

        Assert.Equal("loc-1", location.Id);
        Assert.Equal(2, _server.LogEntries.Count());
    }

    [Fact]
    public async Task UpdateLocation_AttemptTimesOut_IsRetriedBecauseItIsIdempotent()
    {
        // WireMock moves a scenario on only after the delayed answer: a counter tells the attempts apart instead.
        // Timeouts are generous because the build machine is shared: the first request to WireMock can be slow.
        var attempts = 0;
        _server.Given(Request.Create().WithPath("/locations/loc-1").UsingPut())
            .RespondWith(Response.Create().WithCallback(async _ =>
            {
                if (Interlocked.Increment(ref attempts) == 1)
                {
                    await Task.Delay(TimeSpan.FromSeconds(4));
                }

                return new ResponseMessage
                {
                    StatusCode = 200,
                    BodyData = new BodyData { BodyAsString = Samples.LocationJson, DetectedBodyType = BodyType.String },
                };
            }));
        await using var host = GhlTestHost.Create(_server.Url!, new Dictionary<string, string?> { ["AttemptTimeout"] = "00:00:01.500" });

        var location = await host.Locations.UpdateAsync("loc-1", new Models.GhlUpdateLocationRequest { CompanyId = "c-1", Name = "New" });

        Assert.Equal("loc-1", location.Id);
        await Eventually.TrueAsync(() => Task.FromResult(_server.LogEntries.Count() >= 2), TimeSpan.FromSeconds(20), "both attempts to be logged");
        Assert.Equal(2, _server.LogEntries.Count());
    }

    private static IResponseBuilder RateLimited(int intervalMs) => Response.Create().WithStatusCode(429)
        .WithHeader("X-RateLimit-Max", "100")
        .WithHeader("X-RateLimit-Remaining", "0")
        .WithHeader("X-RateLimit-Interval-Milliseconds", intervalMs.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithHeader("X-RateLimit-Daily-Remaining", "150000")
        .WithBody("""{"statusCode":429,"message":"Too many requests"}""");

    /// <summary>Answers the i-th request to <paramref name="path"/> with the i-th response; the last one repeats.</summary>
    private void StubSequence(string path, string method, params IResponseBuilder[] responses)
    {
        var scenario = $"{method} {path} {Guid.NewGuid():N}";
        for (var i = 0; i < responses.Length; i++)
        {
            var stub = _server.Given(Request.Create().WithPath(path).UsingMethod(method)).InScenario(scenario);
            if (i > 0)
            {
                stub = stub.WhenStateIs($"step-{i}");
            }

            if (i < responses.Length - 1)
            {
                stub = stub.WillSetStateTo($"step-{i + 1}");
            }

            stub.RespondWith(responses[i]);
        }
    }
}
