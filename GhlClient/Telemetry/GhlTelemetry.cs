using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Provisioner.GhlClient.Telemetry;

/// <summary>
/// The client's ActivitySource and Meter, both named <see cref="Name"/> (ServiceDefaults exports <c>Provisioner.*</c>).
/// Tags carry operation names, status codes and resource kinds only: never ids of people, tokens or bodies.
/// </summary>
public sealed class GhlTelemetry
{
    public const string Name = "Provisioner.GhlClient";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Counter<long> _requests;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _tokenRefreshes;
    private readonly Histogram<double> _pacingWait;

    public GhlTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Name);
        _requests = meter.CreateCounter<long>("ghl.client.requests", "{request}", "HTTP attempts sent to GHL, by operation and status.");
        _rateLimited = meter.CreateCounter<long>("ghl.client.rate_limited", "{response}", "429 answers from GHL.");
        _retries = meter.CreateCounter<long>("ghl.client.retries", "{retry}", "Attempts repeated after 429, 5xx or a timeout.");
        _tokenRefreshes = meter.CreateCounter<long>("ghl.client.token_refreshes", "{refresh}", "Token refreshes asked for after a 401.");
        _pacingWait = meter.CreateHistogram<double>("ghl.client.pacing.wait", "s", "Time a request waited for the rate budget before sending.");
    }

    public void Request(string operation, int? statusCode)
    {
        _requests.Add(1, new("ghl.operation", operation), new("http.response.status_code", statusCode ?? 0));
        if (statusCode == 429)
        {
            _rateLimited.Add(1, new KeyValuePair<string, object?>("ghl.operation", operation));
        }
    }

    public void Retry(string operation, string reason) =>
        _retries.Add(1, new("ghl.operation", operation), new("ghl.retry.reason", reason));

    public void TokenRefresh(string operation, GhlTokenKind kind) =>
        _tokenRefreshes.Add(1, new("ghl.operation", operation), new("ghl.token.kind", kind.ToString()));

    public void PacingWait(string operation, string resourceKey, TimeSpan waited) =>
        _pacingWait.Record(waited.TotalSeconds, new("ghl.operation", operation), new("ghl.resource.kind", resourceKey.Split(':')[0]));
}
