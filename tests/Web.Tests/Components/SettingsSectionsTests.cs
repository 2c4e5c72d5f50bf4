extern alias web;

using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Settings;
using web::Provisioner.Web.Session;

namespace Provisioner.Web.Tests.Components;

/// <summary>The Settings page's provisioning and users sections against fake ProvisioningService/AuthService answers.</summary>
public sealed class SettingsSectionsTests : IAsyncLifetime
{
    private const string Settings = """{"defaultSnapshotId":"snap-dental","maxConcurrentJobs":null,"effectiveMaxConcurrentJobs":3,"updatedAt":null,"updatedBy":null}""";
    private const string Library = """
        {"items":[{"id":"snap-dental","name":"Dental Pro","type":"own","description":"","tags":[],"defaultCustomValues":{},"defaultUserRoles":[],
                   "hidden":false,"lastSyncedAt":"2026-11-01T00:00:00Z","updatedAt":"2026-11-01T00:00:00Z"}],"total":1,"page":1,"pageSize":100}
        """;
    private const string Rejected = """
        {"title":"One or more validation errors occurred.","status":400,
         "errors":{"maxConcurrentJobs":["'maxConcurrentJobs' must be between 1 and 50, or null for the service default."]}}
        """;

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    private readonly BunitContext _bunit = new();
    private readonly FakeHttpHandler _backend;
    private string _role = "admin";

    public SettingsSectionsTests()
    {
        _backend = new FakeHttpHandler((request, _) => SignedInPortal.AnswerAuth(request, _role) ?? (request.Method.Method, request.RequestUri!.AbsolutePath) switch
        {
            ("GET", "/api/provision/settings") => FakeHttpHandler.Json(HttpStatusCode.OK, Settings),
            ("PUT", "/api/provision/settings") => FakeHttpHandler.Json(HttpStatusCode.BadRequest, Rejected, "application/problem+json"),
            ("GET", "/api/snapshots") => FakeHttpHandler.Json(HttpStatusCode.OK, Library),
            ("GET", "/api/auth/users") => FakeHttpHandler.Json(HttpStatusCode.OK,
                """[{"id":"6f9619ff-8b86-d011-b42d-00c04fc964ff","ghlUserId":"u1","name":"Maya Lopez","role":"operator","createdAt":"2026-11-01T00:00:00Z","lastSignInAt":null}]"""),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        _bunit.AddPortalSession(_backend);
        _bunit.AddServiceClient(_backend, (http, tokens) => new SettingsApiClient(http, tokens));
        _bunit.AddServiceClient(_backend, (http, tokens) => new SnapshotApiClient(http, tokens));
        _bunit.Services.AddScoped(sp => new SettingsUsersClient(new HttpClient(_backend), sp.GetRequiredService<CircuitCredentials>()));
    }

    [Fact]
    public async Task Save_AsAdminWhenServerRejects_SendsTheValuesAndShowsTheErrorAtItsField()
    {
        await SignInAsync("admin");
        var section = _bunit.Render<ProvisioningSettingsSection>();
        section.WaitForAssertion(() => Assert.NotEmpty(section.FindAll("#save-provisioning-settings")), WaitTimeout);

        section.Find("[data-field='maxConcurrentJobs'] input").Change("7");
        section.Find("#save-provisioning-settings").Click();

        section.WaitForAssertion(() => Assert.Contains("must be between 1 and 50", section.Find("[data-field='maxConcurrentJobs']").TextContent), WaitTimeout);
        var sent = Assert.Single(_backend.Requests, r => r.Request.Method == HttpMethod.Put);
        Assert.Contains("\"defaultSnapshotId\":\"snap-dental\"", sent.Body, StringComparison.Ordinal);
        Assert.Contains("\"maxConcurrentJobs\":7", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AsViewer_ShowsSettingsReadOnlyAndUsersWithRoles()
    {
        await SignInAsync("viewer");
        var settings = _bunit.Render<ProvisioningSettingsSection>();
        var users = _bunit.Render<UsersSection>();

        settings.WaitForAssertion(() => Assert.Contains("Dental Pro (snap-dental)", settings.Find("#settings-default-snapshot").TextContent), WaitTimeout);
        Assert.Contains("3 (service default)", settings.Find("#settings-concurrency").TextContent);
        Assert.Empty(settings.FindAll("#save-provisioning-settings"));
        users.WaitForAssertion(() => Assert.Contains("operator", users.Find("tr[data-user='Maya Lopez'] .user-role").TextContent), WaitTimeout);
        Assert.Empty(users.FindAll("tr[data-user='Maya Lopez'] .user-role input"));
    }

    private async Task SignInAsync(string role)
    {
        _role = role;
        await _bunit.SignInAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
