using System.Net;
using Provisioner.GhlClient;

namespace Provisioner.ProvisioningService.Steps;

/// <summary>Reading GHL's errors where a step needs more than "retryable or not".</summary>
internal static class GhlErrors
{
    /// <summary>
    /// The resource is not there (any more). GHL documents no 404 for these operations and answers "… not found" with
    /// 400 instead (the sandbox does the same); both count, so undoing twice is harmless.
    /// </summary>
    public static bool IsGone(Exception exception) =>
        exception is GhlApiException { StatusCode: HttpStatusCode.NotFound or HttpStatusCode.Gone }
        || (exception is GhlApiException { StatusCode: HttpStatusCode.BadRequest } api
            && api.Messages.Any(m => m.Contains("not found", StringComparison.OrdinalIgnoreCase)));
}
