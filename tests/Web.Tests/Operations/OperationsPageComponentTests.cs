extern alias web;

using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using Provisioner.Web.Tests.Components;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Layout;
using web::Provisioner.Web.Errors;
using web::Provisioner.Web.Operations;
using web::Provisioner.Web.Session;
using OperationsPage = web::Provisioner.Web.Components.Pages.Operations;

namespace Provisioner.Web.Tests.Operations;

/// <summary>
/// The Operations page in bUnit, every backend answered by <see cref="FakeHttpHandler"/>: what an admin sees (backlog,
/// failed and stuck jobs with links, instance counts) and that anyone else gets the notice and causes no request.
/// </summary>
public sealed class OperationsPageComponentTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);
    private static readonly Guid FailedJob = Guid.NewGuid();
    private static readonly Guid StuckJob = Guid.NewGuid();

    private readonly BunitContext _bunit = new();
    private readonly FakeHttpHandler _backend;
    private string _role = "admin";
    private HttpStatusCode _provisioningBacklogStatus = HttpStatusCode.OK;

    public OperationsPageComponentTests()
    {
        _backend = new FakeHttpHandler((request, _) => Answer(request));
        var options = Options.Create(new OperationsOptions { RefreshInterval = TimeSpan.FromMinutes(5), StuckJobAfter = TimeSpan.FromMinutes(20) });

        _bunit.AddPortalSession(_backend);
        _bunit.Services.AddSingleton(TimeProvider.System);
        _bunit.Services.AddSingleton(options);
        _bunit.Services.AddSingleton(Options.Create(new RabbitMqManagementOptions { Url = "http://ops:secret@rabbit:15672/" }));
        _bunit.Services.AddScoped(sp => new ServiceHealthClient(new HttpClient(_backend), options, TimeProvider.System));
        _bunit.Services.AddScoped(sp => new RabbitMqManagementClient(
            new HttpClient(_backend), sp.GetRequiredService<IOptions<RabbitMqManagementOptions>>(), options));
        _bunit.Services.AddScoped(sp => new OperationsApiClient(
            new HttpClient(_backend), sp.GetRequiredService<ServiceTokenProvider>(), sp.GetRequiredService<CircuitCredentials>(), options));
    }

    [Fact]
    public async Task Render_AsAdmin_ShowsBacklogStuckAndFailedJobsAndInstances()
    {
        var page = await RenderSignedInAsync("admin");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#backlog-table")), WaitTimeout);
        var provisioning = page.Find("tr[data-backlog='provisioning']");
        Assert.Equal("12", provisioning.QuerySelector(".backlog-outbox")!.TextContent.Trim());
        Assert.Equal("1 min 30 s", provisioning.QuerySelector(".backlog-oldest")!.TextContent.Trim());
        Assert.Equal("4", provisioning.QuerySelector(".backlog-pending")!.TextContent.Trim());
        Assert.Equal("0", page.Find("tr[data-backlog='auth'] .backlog-outbox").TextContent.Trim());

        var failed = page.Find($"#failed-jobs tr[data-job='{FailedJob}']");
        Assert.Equal($"/jobs/{FailedJob}", failed.QuerySelector("a.job-link")!.GetAttribute("href"));
        Assert.Contains("custom-values", failed.TextContent, StringComparison.Ordinal);
        Assert.Contains("GHL 422", failed.TextContent, StringComparison.Ordinal);
        var stuck = page.Find($"#stuck-jobs tr[data-job='{StuckJob}']");
        Assert.Equal($"/jobs/{StuckJob}", stuck.QuerySelector("a.job-link")!.GetAttribute("href"));
        Assert.Contains("wait-for-snapshot", stuck.QuerySelector(".job-step")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(attempt 2)", stuck.QuerySelector(".job-step")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Queued or running for more than 20 min (1)", page.Markup, StringComparison.Ordinal);

        var instances = page.Find("tr[data-service='provisioning'] .service-instances");
        Assert.StartsWith("2", instances.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("consumers on queue 'provisioning-state' (RabbitMQ)", instances.TextContent, StringComparison.Ordinal);
        Assert.Contains("no queue 'recommend-snapshot'", page.Find("tr[data-service='advisor'] .service-instances").TextContent, StringComparison.Ordinal);

        // The threshold travels as whole minutes; the provisioning calls carry the exchanged token, auth's the cookie.
        var attention = Assert.Single(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == OperationsApiClient.AttentionPath);
        Assert.Equal("?stuckMinutes=20", attention.Request.RequestUri!.Query);
        Assert.Equal("Bearer jwt", attention.Request.Headers.Authorization?.ToString());
        var authBacklog = Assert.Single(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == OperationsApiClient.AuthBacklogPath);
        Assert.Equal("provisioner.session=abc", authBacklog.Request.Headers.GetValues("Cookie").Single());
    }

    [Fact]
    public async Task Render_WhenBacklogForbidden_ShowsTheProblemInItsRowAndTheRestOfThePage()
    {
        _provisioningBacklogStatus = HttpStatusCode.Forbidden;

        var page = await RenderSignedInAsync("admin");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tr[data-backlog='provisioning'] .backlog-problem")), WaitTimeout);
        Assert.Contains("Forbidden", page.Find("tr[data-backlog='provisioning']").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("tr[data-backlog='auth'] .backlog-outbox"));
        Assert.NotEmpty(page.FindAll("#stuck-jobs"));
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("operator")]
    public async Task Render_AsNonAdmin_SaysAdminsOnlyAndRequestsNothing(string role)
    {
        var page = await RenderSignedInAsync(role);

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("#operations-admins-only")), WaitTimeout);
        Assert.Contains("Operations is for admins only.", page.Find("#operations-admins-only").TextContent, StringComparison.Ordinal);
        Assert.Contains($"signed in as {role}", page.Find("#operations-admins-only").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("#backlog-table"));
        Assert.Empty(page.FindAll("#service-health"));
        Assert.DoesNotContain(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath != "/api/auth/me");
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("operator", false)]
    [InlineData("viewer", false)]
    public async Task NavMenu_ByRole_ShowsOperationsToAdminsOnly(string role, bool shown)
    {
        await SignInAsync(role);
        _bunit.Render<MudPopoverProvider>();

        var menu = _bunit.Render<NavMenu>();

        Assert.Equal(shown, menu.FindAll("a[href='/operations']").Count == 1);
        Assert.Single(menu.FindAll("a[href='/jobs']"));
    }

    [Fact]
    public void NavMenu_SignedOut_ListsOperationsWithEverySection()
    {
        _bunit.Render<MudPopoverProvider>();

        var menu = _bunit.Render<NavMenu>();

        Assert.Single(menu.FindAll("a[href='/operations']"));
    }

    private HttpResponseMessage Answer(HttpRequestMessage request) => (request.RequestUri!.Host, request.RequestUri.AbsolutePath) switch
    {
        (_, "/api/auth/me") => FakeHttpHandler.Json(HttpStatusCode.OK,
            $$"""{"user":null,"agency":{"id":"a1","name":"Agency One","connectionState":"Connected","scopes":[],"tokenExpiresAt":null,"lastRefreshedAt":null},"role":"{{_role}}","authenticatedBy":"session"}"""),
        (_, "/api/auth/token") => FakeHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"jwt","token_type":"Bearer","expires_in":300}"""),
        (_, "/health") => FakeHttpHandler.Json(HttpStatusCode.OK, """{"status":"Healthy","totalDurationMs":1,"entries":{}}"""),
        ("rabbit", "/api/queues") => FakeHttpHandler.Json(HttpStatusCode.OK, """
            [{"name":"provisioning-state","vhost":"/","state":"running","messages":0,"consumers":2},
             {"name":"auth-service-scheduler","vhost":"/","state":"running","messages":0,"consumers":1},
             {"name":"audit-log","vhost":"/","state":"running","messages":7,"consumers":1}]
            """),
        (_, OperationsApiClient.AuthBacklogPath) => FakeHttpHandler.Json(HttpStatusCode.OK, Backlog(0, null, 0)),
        (_, OperationsApiClient.ProvisioningBacklogPath) => _provisioningBacklogStatus == HttpStatusCode.OK
            ? FakeHttpHandler.Json(HttpStatusCode.OK, Backlog(12, 90, 4))
            : FakeHttpHandler.Json(_provisioningBacklogStatus, """{"title":"Forbidden","status":403}""", "application/problem+json"),
        (_, OperationsApiClient.AttentionPath) => FakeHttpHandler.Json(HttpStatusCode.OK, $$"""
            {"now":"2026-11-24T12:00:00Z","stuckAfterMinutes":20,
             "failed":[{"id":"{{FailedJob}}","status":"Failed","businessName":"Failing Dental","currentStep":"custom-values","attempts":3,
                        "since":"2026-11-24T10:00:00Z","createdAt":"2026-11-24T09:00:00Z","updatedAt":"2026-11-24T10:00:00Z","error":"GHL 422: bad value"}],
             "stuck":[{"id":"{{StuckJob}}","status":"Running","businessName":"Slow Roofing","currentStep":"wait-for-snapshot","attempts":2,
                       "since":"2026-11-24T11:20:00Z","createdAt":"2026-11-24T11:00:00Z","updatedAt":"2026-11-24T11:20:00Z","error":null}]}
            """),
        _ => new HttpResponseMessage(HttpStatusCode.NotFound),
    };

    private static string Backlog(long outbox, double? oldest, long pending) =>
        $$"""
        {"outboxMessages":{{outbox}},"outboxTransactions":1,"inboxAwaitingDelivery":0,"oldestUndeliveredSeconds":{{(oldest?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")}},
         "scheduledDue":0,"scheduledPending":{{pending}},"oldestDueSeconds":null,"nextScheduledAt":null,"inboxRows":3,"sampledAt":"2026-11-24T12:00:00Z"}
        """;

    private async Task SignInAsync(string role)
    {
        _role = role;
        _bunit.Services.GetRequiredService<CircuitCredentials>().Capture("provisioner.session=abc");
        await _bunit.Services.GetRequiredService<UserSession>().EnsureLoadedAsync(CancellationToken.None);
    }

    private async Task<IRenderedComponent<OperationsPage>> RenderSignedInAsync(string role)
    {
        await SignInAsync(role);
        _bunit.Render<MudPopoverProvider>();
        return _bunit.Render<OperationsPage>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
