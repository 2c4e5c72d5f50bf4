extern alias web;

using System.Net;
using System.Text;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Bulk;
using web::Provisioner.Web.Errors;
using web::Provisioner.Web.Session;

namespace Provisioner.Web.Tests.Components;

public sealed class BulkUploadPanelTests : IAsyncLifetime
{
    private const string Csv = """
        business_name,business_email,business_phone,country,timezone
        Good Co,office@good.example,(512) 555-0188,US,America/Chicago
        Bad Co,not-an-email,(512) 555-0199,US,America/Chicago
        """;

    private static readonly Guid JobId = Guid.Parse("6f1c2d9e-0000-4000-8000-000000000002");

    private static readonly string DryRunReport = """
        {"rows":[
          {"row":2,"valid":true,"plan":{"dryRun":true,"snapshot":{"snapshotId":null,"source":"advisor","reason":"the advisor will choose when the job runs"},
           "business":{"name":"Good Co","email":"office@good.example","phone":"+15125550188","country":"US","timezone":"America/Chicago"},
           "customValues":{},"users":[],"steps":["choose-snapshot","create-location"]}},
          {"row":3,"valid":false,"errors":{"business_email":["'business_email' must be an e-mail address like name@example.com."]}}],
         "created":0,"repeated":0,"invalid":1,"dryRun":true}
        """;

    private static readonly string CreatedReport = $$$"""
        {"rows":[{"row":2,"valid":true,"jobId":"{{{JobId}}}","status":"Queued"},
                 {"row":3,"valid":false,"errors":{"business_email":["'business_email' must be an e-mail address like name@example.com."]}}],
         "created":1,"repeated":0,"invalid":1,"dryRun":false}
        """;

    // MudCheckBox puts the id on its input.
    private const string PartialCheckBox = "input#bulk-partial, #bulk-partial input[type=checkbox]";

    // The machine is shared: bUnit's 1 s default wait for an async handler is too short under load.
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    private readonly BunitContext _bunit = new();
    private readonly FakeHttpHandler _backend;
    private string _role = "operator";

    public BulkUploadPanelTests()
    {
        _backend = new FakeHttpHandler((request, _) => (request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query) switch
        {
            ("GET", "/api/auth/me", _) => FakeHttpHandler.Json(HttpStatusCode.OK,
                $$"""{"user":null,"agency":{"id":"a1","name":"Agency One","connectionState":"Connected","scopes":[],"tokenExpiresAt":null,"lastRefreshedAt":null},"role":"{{_role}}","authenticatedBy":"session"}"""),
            ("POST", "/api/auth/token", _) => FakeHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"jwt","token_type":"Bearer","expires_in":300}"""),
            ("POST", "/api/provision/bulk", var q) when q.Contains("dryRun=true", StringComparison.Ordinal) =>
                FakeHttpHandler.Json(HttpStatusCode.MultiStatus, DryRunReport),
            ("POST", "/api/provision/bulk", _) => FakeHttpHandler.Json(HttpStatusCode.MultiStatus, CreatedReport),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddScoped<CircuitCredentials>();
        _bunit.Services.AddScoped<AgencyConnectionState>();
        _bunit.Services.AddScoped<ErrorNotifier>();
        _bunit.Services.AddSingleton(Options.Create(new BulkUploadOptions { MaxUploadBytes = 4096 }));
        _bunit.Services.AddScoped(sp => new AuthApiClient(new HttpClient(_backend), sp.GetRequiredService<CircuitCredentials>()));
        _bunit.Services.AddScoped<ServiceTokenProvider>(sp => new ServiceTokenProvider(sp.GetRequiredService<AuthApiClient>(), TimeProvider.System));
        _bunit.Services.AddScoped(sp => new BulkApiClient(new HttpClient(_backend), sp.GetRequiredService<ServiceTokenProvider>()));
        _bunit.Services.AddScoped<UserSession>();
    }

    [Fact]
    public async Task ChooseFile_WithOneBadRow_ValidatesWithoutCreatingAndShowsRowAndColumn()
    {
        var panel = await RenderSignedInAsync();

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "clients.csv", contentType: "text/csv"));

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("#bulk-report-table tr.bulk-error")), WaitTimeout);
        var error = panel.Find("#bulk-report-table tr.bulk-error");
        Assert.Equal("3", error.GetAttribute("data-row"));
        Assert.Equal("business_email", error.GetAttribute("data-field"));
        Assert.Contains("must be an e-mail address", error.TextContent, StringComparison.Ordinal);
        Assert.Contains("Good Co", panel.Find("#bulk-valid-table").TextContent, StringComparison.Ordinal);
        Assert.Contains("1 invalid", panel.Find("#bulk-invalid").TextContent, StringComparison.Ordinal);

        var sent = Assert.Single(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/provision/bulk");
        Assert.Equal("?dryRun=true&partial=true", sent.Request.RequestUri!.Query);
        Assert.False(sent.Request.Headers.Contains("Idempotency-Key"));
        Assert.Equal("text/csv", sent.Request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal(Csv, sent.Body);
        // An invalid row without "partial" chosen: nothing can be created yet.
        Assert.True(panel.Find("#bulk-create-button").HasAttribute("disabled"));
        Assert.Contains("Create 1 job", panel.Find("#bulk-create-button").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithPartialChosen_SendsKeyAndListsTheJobWithItsLink()
    {
        var panel = await RenderSignedInAsync();
        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "clients.csv", contentType: "text/csv"));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll(PartialCheckBox)), WaitTimeout);

        panel.Find(PartialCheckBox).Change(true);
        panel.WaitForAssertion(() => Assert.False(panel.Find("#bulk-create-button").HasAttribute("disabled")), WaitTimeout);
        panel.Find("#bulk-create-button").Click();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("#bulk-created-table tr.bulk-job")), WaitTimeout);
        var job = panel.Find("#bulk-created-table tr.bulk-job");
        Assert.Equal($"/jobs/{JobId}", job.QuerySelector("a.bulk-job-link")!.GetAttribute("href"));
        Assert.Contains("Good Co", job.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 job created, 1 invalid row skipped.", panel.Find("#bulk-created-summary").TextContent, StringComparison.Ordinal);

        var create = Assert.Single(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/provision/bulk"
            && !r.Request.RequestUri.Query.Contains("dryRun", StringComparison.Ordinal));
        Assert.Equal("?partial=true", create.Request.RequestUri!.Query);
        Assert.StartsWith("portal-bulk-", create.Request.Headers.GetValues("Idempotency-Key").Single(), StringComparison.Ordinal);
        Assert.Equal(Csv, create.Body);
    }

    [Fact]
    public async Task ChooseFile_OverTheSizeLimit_SendsNothingAndSaysWhy()
    {
        var panel = await RenderSignedInAsync();
        var big = "business_name\n" + new string('x', 5000) + "\n";

        panel.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Encoding.UTF8.GetBytes(big), "big.csv", contentType: "text/csv"));

        panel.WaitForAssertion(() => Assert.Contains("the limit is 4 KiB", panel.Find("#bulk-problem").TextContent, StringComparison.Ordinal), WaitTimeout);
        Assert.DoesNotContain(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/provision/bulk");
    }

    [Fact]
    public async Task Render_AsViewer_ShowsNoticeAndNoUpload()
    {
        var panel = await RenderSignedInAsync("viewer");

        Assert.Contains("can look at jobs but not start them", panel.Find("#viewer-notice").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("input[type=file]"));
        Assert.Empty(panel.FindAll("#bulk-create-button"));
    }

    private async Task<IRenderedComponent<BulkUploadPanel>> RenderSignedInAsync(string role = "operator")
    {
        _role = role;
        _bunit.Services.GetRequiredService<CircuitCredentials>().Capture("provisioner.session=abc");
        await _bunit.Services.GetRequiredService<UserSession>().EnsureLoadedAsync(CancellationToken.None);
        _bunit.Render<MudPopoverProvider>();
        return _bunit.Render<BulkUploadPanel>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
