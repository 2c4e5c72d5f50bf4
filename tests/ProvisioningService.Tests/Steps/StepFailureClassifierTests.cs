using System.Net;
using Polly.Timeout;
using Provisioner.GhlClient;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Steps;

public sealed class StepFailureClassifierTests
{
    public static TheoryData<string, Exception, bool> Cases => new()
    {
        { "429", Api(HttpStatusCode.TooManyRequests), true },
        { "500", Api(HttpStatusCode.InternalServerError), true },
        { "503", Api(HttpStatusCode.ServiceUnavailable), true },
        { "408", Api(HttpStatusCode.RequestTimeout), true },
        { "no response", Api(null), true },
        { "400", Api(HttpStatusCode.BadRequest), false },
        { "401", Api(HttpStatusCode.Unauthorized), false },
        { "403", Api(HttpStatusCode.Forbidden), false },
        { "404", Api(HttpStatusCode.NotFound), false },
        { "422", Api(HttpStatusCode.UnprocessableEntity), false },
        { "daily budget spent", new GhlRateLimitExceededException("locations.create", "company:x", DateTimeOffset.UtcNow.AddHours(3)), true },
        { "ambiguous create", new GhlAmbiguousCreateException("locations.create", HttpStatusCode.BadGateway, "t-1", null), true },
        { "connection refused", new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"), true },
        { "HttpClient timeout", new TaskCanceledException("timed out", new TimeoutException()), true },
        { "Polly timeout", new TimeoutRejectedException(), true },
        { "our own cancellation", new TaskCanceledException(), false },
        { "step: retryable", new StepFailedException("later", retryable: true), true },
        { "step: final", new StepFailedException("never", retryable: false), false },
        { "agency must reconnect", new GhlAgencyNotConnectedException("agency-1", "NeedsReconnect"), false },
        { "a bug", new InvalidOperationException("bug"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsRetryable_Exception_MatchesTheTable(string what, Exception exception, bool retryable) =>
        Assert.True(StepFailureClassifier.IsRetryable(exception) == retryable, $"{what}: expected retryable={retryable}");

    [Fact]
    public void Describe_GhlError_CarriesGhlMessageAndTraceId()
    {
        var text = StepFailureClassifier.Describe(new GhlApiException("users.create", HttpStatusCode.BadRequest, ["User with email a@b.co already exists"], "tr-9"));

        Assert.Equal("GHL users.create failed with HTTP 400: User with email a@b.co already exists (traceId tr-9)", text);
    }

    [Fact]
    public void Describe_StepVerdictAndLongText_ReturnsTheVerdictAndCutsLongOnes()
    {
        Assert.Equal("deadline passed", StepFailureClassifier.Describe(new StepFailedException("deadline passed", retryable: false)));
        Assert.Equal(500, StepFailureClassifier.Describe(new InvalidOperationException(new string('x', 2000))).Length);
    }

    private static GhlApiException Api(HttpStatusCode? status) => new("locations.get", status, ["GHL says no"], "trace-1");
}
