extern alias web;

using System.Net;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Audit;
using web::Provisioner.Web.Errors;
using web::Provisioner.Web.Session;

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
        _backend = new FakeHttpHandler((request, _) => (request.Method.Method, request.RequestUri!.AbsolutePath) switch
        {
            ("GET", "/api/auth/me") => FakeHttpHandler.Json(HttpStatusCode.OK,
                $$"""{"user":null,"agency":{"id":"a1","name":"Agency One","connectionState":"Connected","scopes":[],"tokenExpiresAt":null,"lastRefreshedAt":null},"role":"{{_role}}","authenticatedBy":"session"}"""),
            ("POST", "/api/auth/token") => FakeHttpHandler.Json(HttpStatusCode.OK, """{"access_token":"jwt","token_type":"Bearer","expires_in":300}"""),
            ("GET", "/api/audit/verify") => FakeHttpHandler.Json(HttpStatusCode.OK, _verify),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddScoped<CircuitCredentials>();
        _bunit.Services.AddScoped<AgencyConnectionState>();
        _bunit.Services.AddScoped<ErrorNotifier>();
        _bunit.Services.AddScoped(sp => new AuthApiClient(new HttpClient(_backend), sp.GetRequiredService<CircuitCredentials>()));
        _bunit.Services.AddScoped<ServiceTokenProvider>(sp => new ServiceTokenProvider(sp.GetRequiredService<AuthApiClient>(), TimeProvider.System));
        _bunit.Services.AddScoped(sp => new AuditApiClient(new HttpClient(_backend), sp.GetRequiredService<ServiceTokenProvider>()));
        _bunit.Services.AddScoped<UserSession>();
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
        _bunit.Services.GetRequiredService<CircuitCredentials>().Capture("provisioner.session=abc");
        await _bunit.Services.GetRequiredService<UserSession>().EnsureLoadedAsync(CancellationToken.None);
        _bunit.Render<MudPopoverProvider>();
        return _bunit.Render<AuditVerifyPanel>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
