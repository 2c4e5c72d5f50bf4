using System.Net;
using System.Net.Http.Headers;

namespace Provisioner.Reliability.Tests;

/// <summary>
/// Calls the public APIs while the database is down and checks each answer: 2xx and 4xx are accepted as they are;
/// a 5xx must be 503 <c>application/problem+json</c> with <c>Retry-After</c> and nothing of the exception (no type
/// names, stack frames, hosts or ports). Anything else is a problem.
/// </summary>
internal sealed class DatabaseOutageProbe(OwnInfrastructureWorld world, OwnInfrastructureJobs.Job job)
{
    private static readonly string[] Leaks = ["Exception", "   at ", "Npgsql", "127.0.0.1", "Host=", "Port=", "socket", "SqlState"];

    private readonly Dictionary<string, int> _answers = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public int Count503 { get; private set; }

    public string Sample503 { get; private set; } = "(none)";

    /// <summary>One call to each endpoint: a job's status, the job list, a new job, the audit log.</summary>
    public async Task SendRoundAsync(OwnInfrastructureJobs jobs)
    {
        await CheckAsync("GET /api/jobs/{id}", world.ApiRequest(world.Provisioning, HttpMethod.Get, $"/api/jobs/{job.JobId}", job.Agency));
        await CheckAsync("GET /api/jobs", world.ApiRequest(world.Provisioning, HttpMethod.Get, "/api/jobs", job.Agency));
        await CheckAsync("GET /api/audit", world.ApiRequest(world.Audit, HttpMethod.Get, "/api/audit", job.Agency));

        // A job accepted now is a job like any other: it must finish too (TrySubmitAsync adds it to the run's jobs).
        var (status, body) = await jobs.TrySubmitAsync();
        Record("POST /api/provision", status, null, body, hasRetryAfter: null);
    }

    /// <summary>Asks for the job until it answers 200; returns how many other answers came first.</summary>
    public async Task<int> WaitForFirstOkAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var before = 0;
        while (DateTime.UtcNow < deadline)
        {
            using var request = world.ApiRequest(world.Provisioning, HttpMethod.Get, $"/api/jobs/{job.JobId}", job.Agency);
            try
            {
                using var response = await world.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return before;
                }
            }
            catch (HttpRequestException)
            {
            }

            before++;
            await Task.Delay(100);
        }

        throw new TimeoutException($"GET /api/jobs/{{id}} did not answer 200 within {timeout.TotalSeconds:0} s of the database's return.");
    }

    public string Histogram() => string.Join(", ", _answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} ×{a.Value}"));

    private async Task CheckAsync(string name, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await world.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Record(name, response.StatusCode, response.Content.Headers.ContentType, body, response.Headers.RetryAfter is not null);
        }
    }

    private void Record(string name, HttpStatusCode status, MediaTypeHeaderValue? contentType, string body, bool? hasRetryAfter)
    {
        var key = $"{name} {(int)status}";
        _answers[key] = _answers.GetValueOrDefault(key) + 1;
        if ((int)status < 500)
        {
            return;
        }

        if (status != HttpStatusCode.ServiceUnavailable)
        {
            _problems.Add($"{name}: {(int)status} {body}");
            return;
        }

        Count503++;
        if (Sample503 == "(none)")
        {
            Sample503 = body;
        }

        if (contentType is not null && contentType.MediaType != "application/problem+json")
        {
            _problems.Add($"{name}: 503 with {contentType.MediaType}");
        }

        if (hasRetryAfter == false)
        {
            _problems.Add($"{name}: 503 without Retry-After");
        }

        foreach (var leak in Leaks.Where(l => body.Contains(l, StringComparison.OrdinalIgnoreCase)))
        {
            _problems.Add($"{name}: 503 body shows \"{leak}\": {body}");
        }
    }
}
