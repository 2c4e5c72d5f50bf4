using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Provisioner.GhlClient.Tests.TokenProviders;

/// <summary>
/// AuthService's internal token API as a fake primary handler: records every request (path, key header, JSON body)
/// and answers with <see cref="Respond"/>. The default mints <c>{agency}/{location|agency}-{n}</c> valid for an hour.
/// </summary>
internal sealed class FakeAuthService(TimeProvider clock) : HttpMessageHandler
{
    private int calls;

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public TimeSpan Delay { get; set; }

    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public Func<Recorded, HttpResponseMessage>? Respond { get; set; }

    public int Calls => Volatile.Read(ref calls);

    public static HttpResponseMessage Problem(HttpStatusCode status, string title, string detail, string? state = null) =>
        new(status)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { type = "about:blank", title, status = (int)status, detail, state }),
                Encoding.UTF8,
                "application/problem+json"),
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
        var recorded = new Recorded(
            request.RequestUri!.AbsolutePath,
            request.Headers.TryGetValues("X-Internal-Key", out var keys) ? string.Join(",", keys) : null,
            body);
        Requests.Enqueue(recorded);
        var n = Interlocked.Increment(ref calls);
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, cancellationToken);
        }

        if (Respond is not null)
        {
            return Respond(recorded);
        }

        var location = recorded.Get("locationId");
        var token = $"{recorded.Get("agencyId")}/{location ?? "agency"}-{n}";
        return Token(token, clock.GetUtcNow() + Lifetime, location is null ? "agency" : "location");
    }

    public static HttpResponseMessage Token(string accessToken, DateTimeOffset expiresAt, string tokenType) =>
        new(HttpStatusCode.OK)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { accessToken, expiresAt, tokenType }), Encoding.UTF8, "application/json"),
        };

    public sealed record Recorded(string Path, string? Key, JsonElement Body)
    {
        public string? Get(string property) =>
            Body.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
