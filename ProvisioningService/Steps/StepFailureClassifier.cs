using System.Net;
using Polly.Timeout;
using Provisioner.GhlClient;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>
/// Decides whether a failed step is worth retrying, and words the failure for the job's error field. Transient means
/// "the same call may succeed later without anyone changing anything": GHL overloaded or unreachable, our rate budget,
/// a create whose outcome is unknown (the step looks before creating again). Everything else needs a person.
/// </summary>
public static class StepFailureClassifier
{
    private const int MaxDescriptionLength = 500;

    public static bool IsRetryable(Exception exception) => exception switch
    {
        StepFailedException failed => failed.Retryable,
        GhlAgencyNotConnectedException => false,
        GhlAmbiguousCreateException => true,
        GhlRateLimitExceededException => true,

        // Still 401 about the token after GhlClient's one refresh: the refresh was answered with a token that was dead
        // too (fetched by another job just before GHL revoked the agency's tokens). The next attempt refreshes that
        // one for real and then succeeds or fails precisely ("not connected … connect it again").
        GhlApiException { IsTokenRejected: true } => true,
        GhlApiException api => api.StatusCode is null or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            or >= HttpStatusCode.InternalServerError,
        HttpRequestException => true,
        TimeoutRejectedException => true,
        TimeoutException => true,

        // HttpClient reports its own timeout as a cancellation whose cause is a TimeoutException; a cancellation of
        // ours (shutdown) is not a verdict on the step and is not retried here — the message is redelivered anyway.
        TaskCanceledException { InnerException: TimeoutException } => true,

        // Bad data, bugs: a retry cannot help.
        _ => false,
    };

    /// <summary>
    /// A short sentence for the job's error field. GHL's exceptions already carry only status, GHL's message and
    /// traceId (never a token or a request body); other exception texts are cut short.
    /// </summary>
    public static string Describe(Exception exception)
    {
        var text = exception switch
        {
            StepFailedException failed => failed.Message,
            GhlAgencyNotConnectedException notConnected => notConnected.Message,
            GhlAmbiguousCreateException ambiguous => ambiguous.Message,
            GhlApiException api => api.Message,
            HttpRequestException http => $"GHL could not be reached ({http.HttpRequestError}{(http.StatusCode is { } s ? $", HTTP {(int)s}" : "")}).",
            TimeoutRejectedException or TimeoutException or TaskCanceledException { InnerException: TimeoutException } =>
                "GHL did not answer in time.",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
        return text.Length <= MaxDescriptionLength ? text : string.Concat(text.AsSpan(0, MaxDescriptionLength - 1), "…");
    }
}
