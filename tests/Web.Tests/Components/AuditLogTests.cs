extern alias web;

using System.Net;
using Bunit;
using MudBlazor;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Audit;

namespace Provisioner.Web.Tests.Components;

public sealed class AuditLogTests : IAsyncLifetime
{
    private const string JobId = "6f1c2d9e-0000-4000-8000-000000000002";

    private const string Page = $$"""
        {"items":[{"id":"0b3f7c1a-0000-4000-8000-000000000001","sequence":7,"type":"Provisioner.Contracts.Provisioning.ProvisioningFailed",
          "action":"provisioning.provisioning-failed","summary":"Job failed at step users: GHL refused","agencyId":"a1","jobId":"{{JobId}}",
          "actor":"user:pat","occurredAt":"2026-11-24T10:00:00+00:00","receivedAt":"2026-11-24T10:00:01+00:00","payload":{"step":"users"},
          "previousHash":"aa","hash":"bb","archived":false}],"total":1,"page":1,"pageSize":50}
        """;

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    private readonly BunitContext _bunit = new();
    private readonly FakeHttpHandler _backend;
    private string _role = "viewer";

    public AuditLogTests()
    {
        _backend = new FakeHttpHandler((request, _) => SignedInPortal.AnswerAuth(request, _role) ?? (request.Method.Method, request.RequestUri!.AbsolutePath) switch
        {
            ("GET", "/api/audit") => FakeHttpHandler.Json(HttpStatusCode.OK, Page),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        _bunit.AddPortalSession(_backend);
        _bunit.AddServiceClient(_backend, (http, tokens) => new AuditApiClient(http, tokens));
    }

    [Fact]
    public async Task Render_WithJobIdParameter_AsksForThatJobsEntriesAndShowsThem()
    {
        var log = await RenderSignedInAsync(JobId);

        log.WaitForAssertion(() => Assert.Contains("Job failed at step users", log.Find("#audit-table").TextContent, StringComparison.Ordinal), WaitTimeout);
        var list = Assert.Single(AuditRequests());
        Assert.Equal($"?jobId={JobId}&page=1&pageSize=50", list.Query);
        Assert.Equal($"/jobs/{JobId}", log.Find("a.audit-job-link").GetAttribute("href"));
    }

    [Fact]
    public async Task Filters_SearchAndType_AreSentAsQAndTypeAndKeptInTheExportLink()
    {
        _role = "operator";
        var log = await RenderSignedInAsync();
        log.WaitForAssertion(() => Assert.Single(AuditRequests()), WaitTimeout);

        log.Find("#audit-search").Input("smith & jones");
        log.WaitForAssertion(() => Assert.Contains(AuditRequests(), r => r.Query.Contains("q=smith%20%26%20jones", StringComparison.Ordinal)), WaitTimeout);
        await log.InvokeAsync(() => log.FindComponent<MudSelect<string>>().Instance.SelectOption("ProvisioningFailed"));

        log.WaitForAssertion(() => Assert.Contains(AuditRequests(), r => r.Query == "?type=ProvisioningFailed&q=smith%20%26%20jones&page=1&pageSize=50"), WaitTimeout);
        Assert.Equal("/api/audit/export?type=ProvisioningFailed&q=smith%20%26%20jones", log.Find("#audit-export-link").GetAttribute("href"));
        Assert.True(log.Find("#audit-export-link").HasAttribute("download"));
    }

    [Fact]
    public async Task Render_AsViewer_HasNoExportLink()
    {
        var log = await RenderSignedInAsync();

        log.WaitForAssertion(() => Assert.Single(AuditRequests()), WaitTimeout);
        Assert.Empty(log.FindAll("#audit-export-link"));
    }

    private List<(string Path, string Query)> AuditRequests()
    {
        lock (_backend.Requests)
        {
            return [.. _backend.Requests
                .Select(r => (r.Request.RequestUri!.AbsolutePath, r.Request.RequestUri.Query))
                .Where(r => r.AbsolutePath == "/api/audit")];
        }
    }

    private async Task<IRenderedComponent<AuditLog>> RenderSignedInAsync(string? jobId = null)
    {
        await _bunit.SignInAsync();
        return _bunit.Render<AuditLog>(p => p.Add(c => c.JobId, jobId));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
