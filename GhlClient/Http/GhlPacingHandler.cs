using Microsoft.Extensions.Logging;
using Provisioner.GhlClient.RateLimiting;
using Provisioner.GhlClient.Telemetry;

namespace Provisioner.GhlClient.Http;

/// <summary>
/// Asks the rate budget before each attempt (so bursts queue here instead of earning 429s) and reports GHL's
/// <c>X-RateLimit-*</c> headers back to it. Sits inside the retry and token handlers: every attempt is paced.
/// </summary>
public sealed partial class GhlPacingHandler(IGhlRateBudget budget, GhlTelemetry telemetry, ILogger<GhlPacingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = GhlOperation.Of(request) ?? throw new InvalidOperationException("GHL requests must carry a GhlOperation.");
        using var lease = await budget.AcquireAsync(operation.ResourceKey, operation.Name, cancellationToken);
        telemetry.PacingWait(operation.Name, operation.ResourceKey, lease.Waited);
        if (lease.Waited > TimeSpan.Zero)
        {
            LogPaced(operation.Name, operation.ResourceKey, lease.Waited.TotalMilliseconds);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception)
        {
            telemetry.Request(operation.Name, null);
            throw;
        }

        telemetry.Request(operation.Name, (int)response.StatusCode);
        var headers = GhlRateLimitHeaders.Parse(response);
        var rateLimited = (int)response.StatusCode == 429;
        if (!headers.IsEmpty || rateLimited)
        {
            await budget.ObserveAsync(operation.ResourceKey, headers, rateLimited, cancellationToken);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "GHL {Operation} waited {WaitMs:0} ms for the rate budget of {ResourceKey}")]
    private partial void LogPaced(string operation, string resourceKey, double waitMs);
}
