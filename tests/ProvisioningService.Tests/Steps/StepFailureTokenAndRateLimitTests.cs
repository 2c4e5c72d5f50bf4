using System.Net;
using Provisioner.GhlClient;
using Provisioner.ProvisioningService.Steps;

namespace Provisioner.ProvisioningService.Tests.Steps;

/// <summary>
/// Issue 11 scenario 4's findings: a 401 about a dead token that survived GhlClient's one refresh (the refresh was
/// answered with another caller's token, revoked too) is retried, so the next attempt learns the precise outcome;
/// AuthService's rate-limited token answer is retried and keeps its wait.
/// </summary>
public sealed class StepFailureTokenAndRateLimitTests
{
    [Theory]
    [InlineData("Invalid token: access token is invalid")]
    [InlineData("Invalid JWT")]
    public void IsRetryable_401AboutADeadTokenAfterTheRefresh_True(string message) =>
        Assert.True(StepFailureClassifier.IsRetryable(new GhlApiException("users.filterByEmail", HttpStatusCode.Unauthorized, [message], null)));

    [Theory]
    [InlineData("The token is not authorized for this scope.")]
    [InlineData("This location is not accessible from this token.")]
    public void IsRetryable_401AboutWhatTheTokenMayDo_False(string message) =>
        Assert.False(StepFailureClassifier.IsRetryable(new GhlApiException("users.filterByEmail", HttpStatusCode.Unauthorized, [message], null)));

    [Fact]
    public void IsRetryable_AuthServiceRateLimitedTheTokenRefresh_TrueAndDescribedWithTheWait()
    {
        var error = new GhlApiException("authservice.token", HttpStatusCode.ServiceUnavailable,
            ["POST /oauth/token (refresh_token) answered 429. Retry after 2 s."], null) { RetryAfter = TimeSpan.FromSeconds(2) };

        Assert.True(StepFailureClassifier.IsRetryable(error));
        Assert.Equal("GHL authservice.token failed with HTTP 503: POST /oauth/token (refresh_token) answered 429. Retry after 2 s.",
            StepFailureClassifier.Describe(error));
    }
}
