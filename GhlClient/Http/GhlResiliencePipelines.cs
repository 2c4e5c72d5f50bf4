using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Provisioner.GhlClient.RateLimiting;
using Provisioner.GhlClient.Telemetry;

namespace Provisioner.GhlClient.Http;

/// <summary>
/// The GHL-specific Polly pipelines that replace ServiceDefaults' standard resilience handler (which would retry
/// POSTs on 5xx). The outer one bounds the whole operation and retries; the inner one bounds each attempt and sits
/// below the pacing handler, so time spent queueing for the rate budget never counts as an attempt timing out.
/// </summary>
internal static class GhlResiliencePipelines
{
    public const string Outer = "ghl-retry";
    public const string Inner = "ghl-attempt";

    public static void ConfigureOuter(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.GetOptions<GhlClientOptions>();
        var telemetry = context.ServiceProvider.GetRequiredService<GhlTelemetry>();
        builder.AddTimeout(options.TotalTimeout);
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            ShouldHandle = args => ValueTask.FromResult(
                options.MaxRetries > 0 && ShouldRetry(args.Outcome, GhlOperation.Of(args.Context.GetRequestMessage()!))),
            DelayGenerator = args => ValueTask.FromResult(RateLimitDelay(args.Outcome, options.RetryMaxDelay)),
            OnRetry = args =>
            {
                var operation = GhlOperation.Of(args.Context.GetRequestMessage()!);
                telemetry.Retry(operation?.Name ?? "unknown", Reason(args.Outcome));
                return ValueTask.CompletedTask;
            },
        });
    }

    public static void ConfigureInner(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context) =>
        builder.AddTimeout(context.GetOptions<GhlClientOptions>().AttemptTimeout);

    /// <summary>
    /// 429 is always safe to repeat (GHL did nothing), unless the day's budget is gone. 5xx, 408, timeouts and broken
    /// connections are repeated only for idempotent operations: for a create they are ambiguous.
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, GhlOperation? operation)
    {
        var idempotent = operation?.RetryMode == GhlRetryMode.Idempotent;
        if (outcome.Result is { } response)
        {
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return GhlRateLimitHeaders.Parse(response).DailyRemaining is not <= 0;
            }

            return idempotent && (response.StatusCode == HttpStatusCode.RequestTimeout || (int)response.StatusCode >= 500);
        }

        return idempotent && outcome.Exception is HttpRequestException or TimeoutRejectedException;
    }

    /// <summary>How long GHL asked us to wait after a 429: Retry-After, else the burst interval; null = backoff.</summary>
    internal static TimeSpan? RateLimitDelay(Outcome<HttpResponseMessage> outcome, TimeSpan max)
    {
        if (outcome.Result is not { StatusCode: HttpStatusCode.TooManyRequests } response)
        {
            return null;
        }

        var headers = GhlRateLimitHeaders.Parse(response);
        var delay = headers.RetryAfter ?? (headers.Remaining is null or <= 0 ? headers.Interval : null);
        return delay is { } d ? (d > max ? max : d) : null;
    }

    private static string Reason(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } r } => ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Exception: TimeoutRejectedException } => "timeout",
        _ => "connection",
    };
}
