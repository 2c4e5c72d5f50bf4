extern alias web;

using System.Net;
using Bunit;
using MudBlazor;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Audit;

namespace Provisioner.Web.Tests.Components;

public sealed class AuditVerifyPanelTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    private readonly BunitContext _bunit = new();
    private readonly FakeHttpHandler _backend;
    private string _role = "admin";
    private string _verify = """{"ok":true,"checked":42,"firstBrokenId":null,"reason":null}""";

    public AuditVerifyPanelTests()
    {
        _backend = new FakeHttpHandler((request, _) => SignedInPortal.AnswerAuth(request, _role) ?? (request.Method.Method, request.RequestUri!.AbsolutePath) switch
        {
            ("GET", "/api/audit/verify") => FakeHttpHandler.Json(HttpStatusCode.OK, _verify),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        _bunit.AddPortalSession(_backend);
        _bunit.AddServiceClient(_backend, (http, tokens) => new AuditApiClient(http, tokens));
    }

    [Fact]
    public async Task Verify_WholeChain_SaysIntactWithTheCount()
    {
        var panel = await RenderSignedInAsync();

        panel.Find("#audit-verify-button").Click();

        panel.WaitForAssertion(() => Assert.Equal("true", panel.Find("#audit-verify-result").GetAttribute("data-ok")), WaitTimeout);
        Assert.Contains("Chain intact. 42 entries checked", panel.Find("#audit-verify-result").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_BrokenEntry_NamesItsNumberIdAndReason()
    {
        _verify = """{"ok":false,"checked":17,"firstBrokenId":"0b3f7c1a-0000-4000-8000-000000000001","reason":"content does not match its hash"}""";
        var panel = await RenderSignedInAsync();

        panel.Find("#audit-verify-button").Click();

        panel.WaitForAssertion(() => Assert.Equal("false", panel.Find("#audit-verify-result").GetAttribute("data-ok")), WaitTimeout);
        var text = panel.Find("#audit-verify-result").TextContent;
        Assert.Contains("Chain broken at entry 17.", text, StringComparison.Ordinal);
        Assert.Contains("0b3f7c1a-0000-4000-8000-000000000001", text, StringComparison.Ordinal);
        Assert.Contains("content does not match its hash", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AsViewer_HasNoVerifyButton()
    {
        _role = "viewer";
        var panel = await RenderSignedInAsync();

        Assert.Empty(panel.FindAll("#audit-verify-button"));
        Assert.Contains("operator or admin role", panel.Find("#audit-verify-role").TextContent, StringComparison.Ordinal);
    }

    private async Task<IRenderedComponent<AuditVerifyPanel>> RenderSignedInAsync()
    {
        await _bunit.SignInAsync();
        return _bunit.Render<AuditVerifyPanel>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
