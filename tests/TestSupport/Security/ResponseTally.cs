using System.Collections.Concurrent;
using System.Text;
using Xunit.Abstractions;

namespace Provisioner.TestSupport.Security;

/// <summary>
/// Sends generated requests a few at a time and counts the answers per endpoint and status. A request breaks the
/// contract when it is not refused with 4xx, or when a 4xx other than 401/403/404 is not <c>application/problem+json</c>.
/// </summary>
public sealed class ResponseTally
{
    private readonly ConcurrentDictionary<(string Endpoint, int Status), int> counts = new();
    private readonly ConcurrentQueue<string> violations = new();
    private int total;

    public int Total => total;

    public IReadOnlyCollection<string> Violations => violations;

    public int ServerErrors => counts.Where(c => c.Key.Status >= 500).Sum(c => c.Value);

    public async Task SendAllAsync(
        HttpClient client, IEnumerable<(string Endpoint, string Kind, Func<HttpRequestMessage> Request)> cases, int parallelism = 4)
    {
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (c, _) =>
        {
            using var request = c.Request();
            // Headers only: a request that wrongly opened an SSE stream must not hang the run.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            Interlocked.Increment(ref total);
            counts.AddOrUpdate((c.Endpoint, status), 1, (_, n) => n + 1);
            var refused = status is >= 400 and < 500;
            var problem = mediaType == "application/problem+json" || status is 401 or 403 or 404;
            if (!refused || !problem)
            {
                var body = mediaType is "text/event-stream" ? "(stream)" : await ReadHeadAsync(response, timeout.Token);
                violations.Enqueue($"{c.Endpoint} [{c.Kind}] {request.Method} {Shorten(request.RequestUri?.ToString())} → {status} {mediaType}: {body}");
            }
        });
    }

    public void Print(ITestOutputHelper output, string title)
    {
        var text = new StringBuilder();
        text.AppendLine($"{title}: {total} requests, {ServerErrors} answered 5xx, {violations.Count} broke the contract");
        foreach (var endpoint in counts.Keys.Select(k => k.Endpoint).Distinct().Order(StringComparer.Ordinal))
        {
            var row = counts.Where(c => c.Key.Endpoint == endpoint).OrderBy(c => c.Key.Status).Select(c => $"{c.Key.Status}×{c.Value}");
            text.AppendLine($"  {endpoint,-40} {string.Join("  ", row)}");
        }

        var histogram = counts.GroupBy(c => c.Key.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Sum(c => c.Value)}");
        text.AppendLine($"  {"all",-40} {string.Join("  ", histogram)}");
        foreach (var violation in violations.Take(20))
        {
            text.AppendLine("  ! " + violation);
        }

        output.WriteLine(text.ToString());
        Console.WriteLine(text.ToString());
    }

    private static async Task<string> ReadHeadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return Shorten(body) ?? string.Empty;
    }

    private static string? Shorten(string? text) => text is { Length: > 300 } ? text[..300] + "…" : text;
}
