using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using Provisioner.TestSupport;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

/// <summary>
/// The portal wired like <see cref="PortalFixture"/>, plus a stand-in SnapshotAdvisor (<see cref="SnapshotAdvisorFake"/>)
/// for the Snapshots page and the provision form's picker. Its own collection, so the shared portal keeps its
/// "advisor does not listen" setup.
/// </summary>
public sealed class SnapshotPortalFixture : IAsyncLifetime
{
    private PortalFactory? _factory;

    public FakeSessions Sessions { get; } = new();

    public FakeAuthService Auth { get; private set; } = default!;

    public FakeProvisioningService Provisioning { get; private set; } = default!;

    public SnapshotAdvisorFake Advisor { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Auth = await FakeAuthService.StartAsync(Sessions);
        Provisioning = await FakeProvisioningService.StartAsync(Sessions);
        Advisor = await SnapshotAdvisorFake.StartAsync(Sessions);
        _factory = new PortalFactory(new Dictionary<string, string?>
        {
            ["services:auth:http:0"] = Auth.Address.ToString(),
            ["services:audit:http:0"] = ClosedPort.Address().ToString(),
            ["services:provisioning:http:0"] = Provisioning.Address.ToString(),
            ["services:advisor:http:0"] = Advisor.Address.ToString(),
            ["RabbitMqManagementOptions:Url"] = TestEnvironment.RabbitMqManagementUri.ToString(),
            ["LiveUpdatesOptions:PollInterval"] = "00:00:01",
        });
        BaseAddress = _factory.Start();
    }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>A new user with this role in a new agency whose library holds <see cref="SnapshotAdvisorFake.Seed"/>'s snapshots.</summary>
    public async Task<FakeSession> SignInAsync(IPage page, string role)
    {
        var session = Sessions.Add(role);
        Advisor.Seed(session);
        await page.Context.AddCookiesAsync(
        [
            new Cookie { Name = "provisioner.session", Value = session.Cookie, Url = BaseAddress.ToString(), HttpOnly = true },
        ]);
        return session;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        foreach (var fake in new IAsyncDisposable?[] { Auth, Provisioning, Advisor })
        {
            if (fake is not null)
            {
                await fake.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SnapshotPortalCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<SnapshotPortalFixture>
{
    public const string Name = "SnapshotPortal";
}

/// <summary>One snapshot of a fake agency library, as SnapshotAdvisor's SnapshotDto serialises it.</summary>
public sealed class FakeSnapshot(string id, string name, string description, List<string> tags, Dictionary<string, string> defaults)
{
    public string Id { get; } = id;
    public string Name { get; } = name;
    public string Type { get; } = "own";
    public string Description { get; set; } = description;
    public List<string> Tags { get; set; } = tags;
    public Dictionary<string, string> DefaultCustomValues { get; set; } = defaults;
    public List<string> DefaultUserRoles { get; set; } = [];
    public bool Hidden { get; set; }
    public DateTimeOffset LastSyncedAt { get; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    public DateTimeOffset UpdatedAt { get; set; } = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// SnapshotAdvisor as the portal uses it, per agency of the caller's JWT: list (q on name/description, tag), get,
/// update (admins and operators; tags of 1–60 characters, else a ValidationProblem naming <c>tags[i]</c>), sync, and
/// recommend (always Dental Pro, Clinic Starter, Roofing Leads, with reasons).
/// </summary>
public sealed class SnapshotAdvisorFake : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, List<FakeSnapshot>> _libraries = new();
    private WebApplication _app = default!;

    public Uri Address { get; private set; } = default!;

    public static async Task<SnapshotAdvisorFake> StartAsync(FakeSessions sessions)
    {
        var self = new SnapshotAdvisorFake();
        (self._app, self.Address) = await FakeServiceHost.StartAsync(app => self.Map(app, sessions));
        return self;
    }

    public void Seed(FakeSession session) => _libraries[session.AgencyId] =
    [
        new("snap-dental", "Dental Pro", "Booking and reminders for dental practices", ["dental", "booking"],
            new() { ["Booking Link"] = "https://book.example/dental", ["Greeting"] = "Welcome to {{business.name}}" }),
        new("snap-roofing", "Roofing Leads", "Lead capture for roofers and contractors", ["roofing", "leads"], new() { ["Hours"] = "Mon-Fri 8-6" }),
        new("snap-clinic", "Clinic Starter", "A general clinic funnel", ["clinic"], []),
    ];

    public IReadOnlyList<FakeSnapshot> LibraryOf(FakeSession session) => _libraries[session.AgencyId];

    private void Map(WebApplication app, FakeSessions sessions)
    {
        var api = app.MapGroup("/api/snapshots");
        api.MapGet("/", (HttpRequest request, string? q, string? tag, int? page, int? pageSize) =>
        {
            if (LibraryFor(request, sessions) is not { } library)
            {
                return Results.Unauthorized();
            }

            var matches = library
                .Where(s => string.IsNullOrWhiteSpace(q) || s.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase)
                    || s.Description.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase))
                .Where(s => string.IsNullOrWhiteSpace(tag) || s.Tags.Contains(tag.Trim().ToLowerInvariant()))
                .OrderBy(s => s.Name, StringComparer.Ordinal)
                .ToList();
            var size = pageSize ?? 20;
            var number = page ?? 1;
            return Results.Json(new { items = matches.Skip((number - 1) * size).Take(size), total = matches.Count, page = number, pageSize = size });
        });
        api.MapGet("/{id}", (HttpRequest request, string id) =>
            LibraryFor(request, sessions)?.FirstOrDefault(s => s.Id == id) is { } snapshot ? Results.Json(snapshot) : Results.NotFound());
        api.MapPut("/{id}", (HttpRequest request, string id, UpdateBody body) =>
        {
            if (sessions.ByAuthorization(request.Headers.Authorization) is not { } session)
            {
                return Results.Unauthorized();
            }

            if (session.Role == "viewer")
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            var tags = body.Tags ?? [];
            var errors = tags.Select((t, i) => (t, i)).Where(x => string.IsNullOrWhiteSpace(x.t) || x.t.Trim().Length > 60)
                .ToDictionary(x => $"tags[{x.i}]", _ => new[] { "A tag must be 1 to 60 characters." });
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            if (_libraries[session.AgencyId].FirstOrDefault(s => s.Id == id) is not { } snapshot)
            {
                return Results.NotFound();
            }

            snapshot.Description = body.Description ?? "";
            snapshot.Tags = [.. tags.Select(t => t.Trim().ToLowerInvariant()).Distinct()];
            snapshot.DefaultCustomValues = body.DefaultCustomValues ?? [];
            snapshot.DefaultUserRoles = body.DefaultUserRoles ?? [];
            snapshot.Hidden = body.Hidden ?? false;
            snapshot.UpdatedAt = DateTimeOffset.UtcNow;
            return Results.Json(snapshot);
        });
        api.MapPost("/sync", (HttpRequest request) => sessions.ByAuthorization(request.Headers.Authorization) is { } session
            ? Results.Json(new { agencyId = session.AgencyId, added = 0, updated = 3, removed = 0, total = 3, version = 2 })
            : Results.Unauthorized());
        api.MapPost("/recommend", (HttpRequest request) => LibraryFor(request, sessions) is null
            ? Results.Unauthorized()
            : Results.Json(new
            {
                items = new[]
                {
                    Advice("snap-dental", "Dental Pro", 0.8, "industry matches: dental", "tags: dental, booking"),
                    Advice("snap-clinic", "Clinic Starter", 0.4, "description mentions a clinic"),
                    Advice("snap-roofing", "Roofing Leads", 0.1, "general lead capture"),
                },
                confident = true,
                source = "local",
                fallbackReason = (string?)null,
            }));
    }

    private static object Advice(string id, string name, double confidence, params string[] reasons) =>
        new { snapshotId = id, name, score = confidence, confidence, reasons, source = "local" };

    private List<FakeSnapshot>? LibraryFor(HttpRequest request, FakeSessions sessions) =>
        sessions.ByAuthorization(request.Headers.Authorization) is { } session && _libraries.TryGetValue(session.AgencyId, out var library)
            ? library
            : null;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public sealed record UpdateBody(
        string? Description, List<string>? Tags, Dictionary<string, string>? DefaultCustomValues, List<string>? DefaultUserRoles, bool? Hidden);
}
