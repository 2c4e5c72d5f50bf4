using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioner.AppHost.Tests;

/// <summary>
/// Issue #6's "Done when", driven the way a customer's script would through the gateway of a running system: connect
/// the agency with a cookie jar (the sandbox approves at once), create an API key, provision with it, follow the job's
/// SSE stream to its end, and read what GhlSandbox now holds.
/// </summary>
internal sealed class GatewayProvisioning(AppHostRun run) : IDisposable
{
    /// <summary>One of NorthStar's (the sandbox's first agency) snapshots.</summary>
    public const string SnapshotId = "OhbVrpoiVgRV5IfLBcbf";

    private static readonly TimeSpan JobDeadline = TimeSpan.FromSeconds(240);

    private readonly HttpClient _browser = new(new SocketsHttpHandler { UseProxy = false, CookieContainer = new CookieContainer() })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };

    private readonly HttpClient _api = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(100),
    };

    /// <summary>OAuth consent → callback → session cookie, then an operator API key (shown once).</summary>
    public async Task<(string ApiKey, string AgencyId)> ConnectAndCreateApiKeyAsync()
    {
        using var connected = await _browser.GetAsync($"{run.GatewayUrl}/api/auth/connect");
        Assert.True(connected.IsSuccessStatusCode, $"connect ended on {(int)connected.StatusCode} at {connected.RequestMessage?.RequestUri}");

        using var created = await _browser.PostAsJsonAsync($"{run.GatewayUrl}/api/auth/api-keys", new { name = "system-test", role = "operator" });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"api key: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var apiKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        _api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        var me = await _api.GetFromJsonAsync<JsonElement>($"{run.GatewayUrl}/api/auth/me");
        Assert.Equal("apikey", me.GetProperty("authenticatedBy").GetString());
        return (apiKey, me.GetProperty("agency").GetProperty("id").GetString()!);
    }

    public async Task<string> ProvisionAsync(object intake, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{run.GatewayUrl}/api/provision") { Content = JsonContent.Create(intake) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var accepted = await _api.SendAsync(request);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"provision: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetString()!;
    }

    /// <summary>The job's SSE stream read to its end (it ends after the final state), as (event, data) pairs.</summary>
    public async Task<IReadOnlyList<(string Event, JsonElement Data)>> ReadEventStreamAsync(string jobId)
    {
        using var timeout = new CancellationTokenSource(JobDeadline);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{run.GatewayUrl}/api/jobs/{jobId}/events");
        using var stream = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
        stream.DefaultRequestHeaders.Authorization = _api.DefaultRequestHeaders.Authorization;
        using var response = await stream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var frames = new List<(string, JsonElement)>();
        string? name = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && name is not null)
            {
                frames.Add((name, JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
                name = null;
            }
        }

        return frames;
    }

    /// <summary>Polls the job once a second (the gateway's rate limit counts every poll) until its status is final.</summary>
    public async Task<JsonElement> WaitForFinalStatusAsync(string jobId)
    {
        var deadline = DateTime.UtcNow + JobDeadline;
        while (true)
        {
            var job = await _api.GetFromJsonAsync<JsonElement>($"{run.GatewayUrl}/api/jobs/{jobId}");
            if (job.GetProperty("status").GetString() is "Succeeded" or "Failed" or "Cancelled" or "Compensated")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} did not finish within {JobDeadline.TotalSeconds} s: {job}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public Task<JsonElement> SandboxStateAsync() => _browser.GetFromJsonAsync<JsonElement>($"{run.SandboxUrl}/_sandbox/state");

    public void Dispose()
    {
        _browser.Dispose();
        _api.Dispose();
    }
}
