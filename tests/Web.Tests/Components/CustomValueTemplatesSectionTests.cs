extern alias web;

using System.Net;
using System.Text.Json;
using Bunit;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Settings;

namespace Provisioner.Web.Tests.Components;

/// <summary>The Settings page's custom value templates section against fake ProvisioningService answers.</summary>
public sealed class CustomValueTemplatesSectionTests : IAsyncLifetime
{
    private const string Route = "/api/provision/settings/custom-value-templates";
    private const string Stored = """{"templates":{"Old Line":"+1 512 555 0000","Support Phone":"+1 512 555 0100"}}""";

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    private readonly BunitContext _bunit = new();
    private readonly FakeHttpHandler _backend;
    private string _role = "admin";
    private string _stored = Stored;
    private Func<string?, HttpResponseMessage> _put = body => FakeHttpHandler.Json(HttpStatusCode.OK, body!);

    public CustomValueTemplatesSectionTests()
    {
        _backend = new FakeHttpHandler((request, body) => SignedInPortal.AnswerAuth(request, _role) ?? (request.Method.Method, request.RequestUri!.AbsolutePath) switch
        {
            ("GET", Route) => FakeHttpHandler.Json(HttpStatusCode.OK, _stored),
            ("PUT", Route) => _put(body),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        _bunit.AddPortalSession(_backend);
        _bunit.AddServiceClient(_backend, (http, tokens) => new SettingsApiClient(http, tokens));
    }

    [Fact]
    public async Task Save_AsAdminAfterEditAddAndRemove_SendsTheWholeSetAndShowsTheSaved()
    {
        await _bunit.SignInAsync();
        var section = RenderLoaded();

        section.Find("button[aria-label='Remove template Old Line']").Click();
        section.Find("tr[data-row='0'] [data-template-field='value'] input").Change("+1 512 555 0199");
        section.Find("#add-template").Click();
        section.Find("tr[data-row='1'] [data-template-field='name'] input").Change("Booking Link");
        section.Find("tr[data-row='1'] [data-template-field='value'] input").Change("https://book.agency.example/{{business.name}}");
        section.Find("#save-templates").Click();

        section.WaitForAssertion(() => Assert.Single(_backend.Requests, r => r.Request.Method == HttpMethod.Put), WaitTimeout);
        var sent = _backend.Requests.Single(r => r.Request.Method == HttpMethod.Put);
        var templates = JsonDocument.Parse(sent.Body!).RootElement.GetProperty("templates");
        Assert.Equal(
            new Dictionary<string, string> { ["Support Phone"] = "+1 512 555 0199", ["Booking Link"] = "https://book.agency.example/{{business.name}}" },
            templates.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        // The saved set comes back ordered by name.
        section.WaitForAssertion(() => Assert.Equal("Booking Link", section.Find("tr[data-row='0'] [data-template-field='name'] input").GetAttribute("value")), WaitTimeout);
        Assert.Equal(2, section.FindAll("#templates-table tbody tr").Count);
    }

    [Fact]
    public async Task Save_WhenServerRejectsATemplate_ShowsTheErrorAtItsRow()
    {
        const string Rejected = """
            {"title":"The custom value templates are not valid.","status":400,
             "errors":{"templates[Support Phone]":["'templates[Support Phone]' uses the unknown placeholder {{business.fax}}; known: business.name."]}}
            """;
        _put = _ => FakeHttpHandler.Json(HttpStatusCode.BadRequest, Rejected, "application/problem+json");
        await _bunit.SignInAsync();
        var section = RenderLoaded();

        section.Find("tr[data-row='1'] [data-template-field='value'] input").Change("Call {{business.fax}}");
        section.Find("#save-templates").Click();

        section.WaitForAssertion(
            () => Assert.Contains("unknown placeholder {{business.fax}}", section.Find("tr[data-row='1'] [data-template-field='value']").TextContent, StringComparison.Ordinal),
            WaitTimeout);
        Assert.DoesNotContain("unknown placeholder", section.Find("tr[data-row='0']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_TwoRowsWithOneName_RefusedAtTheRowWithoutCallingTheService()
    {
        await _bunit.SignInAsync();
        var section = RenderLoaded();

        section.Find("#add-template").Click();
        section.Find("tr[data-row='2'] [data-template-field='name'] input").Change("Support Phone ");
        section.Find("#save-templates").Click();

        section.WaitForAssertion(() => Assert.Contains("Another template has this name.", section.Find("tr[data-row='2']").TextContent), WaitTimeout);
        Assert.DoesNotContain(_backend.Requests, r => r.Request.Method == HttpMethod.Put);
    }

    [Fact]
    public async Task Render_AsViewer_ShowsTheTemplatesReadOnly()
    {
        _role = "viewer";
        await _bunit.SignInAsync();
        var section = _bunit.Render<CustomValueTemplatesSection>();

        section.WaitForAssertion(() => Assert.Contains("+1 512 555 0100", section.Find("tr[data-template='Support Phone']").TextContent), WaitTimeout);
        Assert.Empty(section.FindAll("input"));
        Assert.Empty(section.FindAll("button"));
    }

    [Fact]
    public async Task Render_NoTemplates_SaysSoAndAdminCanAddOne()
    {
        _stored = """{"templates":{}}""";
        await _bunit.SignInAsync();
        var section = _bunit.Render<CustomValueTemplatesSection>();

        section.WaitForAssertion(() => Assert.NotEmpty(section.FindAll("#templates-empty")), WaitTimeout);
        section.Find("#add-template").Click();

        Assert.Single(section.FindAll("#templates-table tbody tr"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private IRenderedComponent<CustomValueTemplatesSection> RenderLoaded()
    {
        var section = _bunit.Render<CustomValueTemplatesSection>();
        section.WaitForAssertion(() => Assert.Equal(2, section.FindAll("#templates-table tbody tr").Count), WaitTimeout);
        return section;
    }
}
