using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisioner.ServiceDefaults.Health;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

/// <summary>An entry the fake AuditService lists for an agency.</summary>
public sealed record AuditFakeEntry(long Sequence, string Type, string Summary, string? JobId, string? Actor, DateTimeOffset OccurredAt)
{
    public Guid Id { get; } = Guid.NewGuid();
}

/// <summary>
/// AuditService as the portal uses it, per agency of a <see cref="FakeSessions"/> JWT: the list (filters
/// <c>type</c> (last segment), <c>jobId</c>, <c>actor</c>, <c>q</c> on the summary, paging; newest first) and
/// <c>/verify</c> (admins and operators), answering the result a test sets with <see cref="SetVerify"/>.
/// </summary>
public sealed class AuditFakeService : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<AuditFakeEntry>> _entries = new();
    private readonly ConcurrentDictionary<string, object> _verify = new();
    private WebApplication _app = default!;

    public Uri Address { get; private set; } = default!;

    public ConcurrentQueue<string> ListQueries { get; } = new();

    public static async Task<AuditFakeService> StartAsync(FakeSessions sessions)
    {
        var self = new AuditFakeService();
        (self._app, self.Address) = await FakeServiceHost.StartAsync(app =>
        {
            app.MapGet(HealthEndpoints.HealthPath, () => Results.Json(
                FakeHealthService.Report("Healthy", ("self", "Healthy", null)), HealthJson.Options));
            app.MapGet("/api/audit", (HttpRequest r) => sessions.ByAuthorization(r.Headers.Authorization) is { } user
                ? self.List(user, r)
                : Results.Unauthorized());
            app.MapGet("/api/audit/verify", (HttpRequest r) => sessions.ByAuthorization(r.Headers.Authorization) switch
            {
                null => Results.Unauthorized(),
                { Role: "viewer" } => Results.Problem(statusCode: 403, title: "Forbidden"),
                var user => Results.Json(self._verify.GetValueOrDefault(user.AgencyId)
                    ?? new { ok = true, @checked = self.EntriesOf(user).Count, firstBrokenId = (Guid?)null, reason = (string?)null }),
            });
        });
        return self;
    }

    public void Add(FakeSession owner, params AuditFakeEntry[] entries) => EntriesOf(owner).AddRange(entries);

    public void SetVerify(FakeSession owner, bool ok, long @checked, Guid? firstBrokenId, string? reason) =>
        _verify[owner.AgencyId] = new { ok, @checked, firstBrokenId, reason };

    private List<AuditFakeEntry> EntriesOf(FakeSession owner) => _entries.GetOrAdd(owner.AgencyId, _ => []);

    private IResult List(FakeSession user, HttpRequest r)
    {
        ListQueries.Enqueue(r.QueryString.Value ?? "");
        string? Q(string name) => r.Query[name].ToString() is { Length: > 0 } v ? v : null;
        var page = int.Parse(Q("page") ?? "1", CultureInfo.InvariantCulture);
        var pageSize = int.Parse(Q("pageSize") ?? "50", CultureInfo.InvariantCulture);
        var matching = EntriesOf(user)
            .Where(e => Q("type") is not { } t || e.Type == t || e.Type.EndsWith("." + t, StringComparison.Ordinal))
            .Where(e => Q("jobId") is not { } j || e.JobId == j)
            .Where(e => Q("actor") is not { } a || e.Actor == a)
            .Where(e => Q("q") is not { } q || e.Summary.Contains(q, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Sequence)
            .ToList();
        var items = matching.Skip((page - 1) * pageSize).Take(pageSize).Select(e => new
        {
            id = e.Id, sequence = e.Sequence, type = e.Type, action = "provisioning." + e.Type.Split('.')[^1].ToLowerInvariant(),
            summary = e.Summary, agencyId = user.AgencyId, jobId = e.JobId, actor = e.Actor, occurredAt = e.OccurredAt,
            receivedAt = e.OccurredAt.AddSeconds(1), payload = new { summary = e.Summary }, previousHash = "00", hash = "ff", archived = false,
        });
        return Results.Json(new { items, total = matching.Count, page, pageSize });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
