using System.Diagnostics;
using System.Text.Json;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Polls each service's <c>/health</c> every few hundred milliseconds in the background and keeps what it read, so a
/// scenario can ask which states a service showed in a time window and when it was Healthy again.
/// </summary>
internal sealed class OwnInfrastructureHealth : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Reading> _readings = [];
    private readonly Stopwatch _clock;
    private readonly Task _loop;

    public OwnInfrastructureHealth(IReadOnlyList<ServiceProcess> services, Stopwatch clock)
    {
        _clock = clock;
        _loop = Task.WhenAll(services.Select(s => PollAsync(s, _stop.Token)));
    }

    /// <summary>One read: the service, when (on the scenario's clock), the status (or "no answer") and the failing entries.</summary>
    public sealed record Reading(string Service, TimeSpan At, string Status, string Failing);

    public IReadOnlyList<Reading> Between(TimeSpan from, TimeSpan to)
    {
        lock (_readings)
        {
            return _readings.Where(r => r.At >= from && r.At <= to).ToList();
        }
    }

    /// <summary>Per service, the distinct states read in the window, e.g. "ProvisioningService: Healthy, Unhealthy (messaging, masstransit-bus)".</summary>
    public string Summary(TimeSpan from, TimeSpan to) => string.Join("; ", Between(from, to).GroupBy(r => r.Service).Select(g =>
        $"{g.Key}: " + string.Join(", ", g.Select(r => r.Failing.Length == 0 ? r.Status : $"{r.Status} ({r.Failing})").Distinct())));

    /// <summary>
    /// When each service read Healthy for good after <paramref name="since"/> (every later reading Healthy), relative to
    /// <paramref name="since"/>; null if its last reading is not Healthy.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan?> HealthyAgainAfter(TimeSpan since)
    {
        lock (_readings)
        {
            return _readings.Where(r => r.At >= since).GroupBy(r => r.Service).ToDictionary(g => g.Key, g =>
            {
                var lastBad = g.LastOrDefault(r => r.Status != "Healthy");
                var firstGood = g.FirstOrDefault(r => r.Status == "Healthy" && (lastBad is null || r.At > lastBad.At));
                return firstGood is null ? (TimeSpan?)null : firstGood.At - since;
            });
        }
    }

    private async Task PollAsync(ServiceProcess service, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var at = _clock.Elapsed;
            string status;
            var failing = "";
            try
            {
                using var response = await _http.GetAsync(new Uri(service.Url, "/health"), stop);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop));
                status = body.RootElement.GetProperty("status").GetString() ?? "?";
                failing = string.Join(", ", body.RootElement.GetProperty("entries").EnumerateObject()
                    .Where(e => e.Value.GetProperty("status").GetString() != "Healthy").Select(e => e.Name));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException
                && !stop.IsCancellationRequested)
            {
                status = "no answer";
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_readings)
            {
                _readings.Add(new Reading(service.Project, at, status, failing));
            }

            try
            {
                await Task.Delay(Interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _http.Dispose();
    }
}
