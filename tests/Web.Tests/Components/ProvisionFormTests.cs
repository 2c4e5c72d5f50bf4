extern alias web;

using System.Net;
using Bunit;
using MudBlazor;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Provision;

namespace Provisioner.Web.Tests.Components;

public sealed class ProvisionFormTests : IAsyncLifetime
{
    // Composed, not inherited: MudBlazor's services are only IAsyncDisposable, and xunit 2 disposes a test class synchronously.
    private readonly BunitContext _bunit = new();
    private const string Problem = """
        {"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"The intake is not valid.","status":400,
         "errors":{"business.email":["'business.email' must be an e-mail address like name@example.com."],
                   "customValues[Greeting]":["'customValues[Greeting]': unknown placeholder {{business.nope}}."],
                   "users[0].role":["'users[0].role' must be one of: admin, user."],
                   "Idempotency-Key":["The Idempotency-Key header must be at most 200 printable characters."]}}
        """;

    // The machine is shared: bUnit's 1 s default wait for the async submit is too short under load.
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    private readonly FakeHttpHandler _backend;
    private string _role = "operator";

    public ProvisionFormTests()
    {
        _backend = new FakeHttpHandler((request, _) => SignedInPortal.AnswerAuth(request, _role) ?? (request.Method.Method, request.RequestUri!.AbsolutePath) switch
        {
            ("POST", "/api/provision") => FakeHttpHandler.Json(HttpStatusCode.BadRequest, Problem, "application/problem+json"),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        _bunit.AddPortalSession(_backend);
        _bunit.AddServiceClient(_backend, (http, tokens) => new ProvisioningApiClient(http, tokens));
        _bunit.AddServiceClient(_backend, (http, tokens) => new SnapshotApiClient(http, tokens));
    }

    [Fact]
    public async Task Submit_WhenServerAnswersValidationProblem_ShowsEachMessageAtItsFieldAndTheRestAbove()
    {
        var form = await RenderSignedInAsync();
        form.Find("[data-field='business.name'] input").Change("Acme Dental");
        form.Find("[data-field='business.email'] input").Change("owner@acme.example");
        form.Find("[data-field='business.phone'] input").Change("555-0100");
        form.Find("#add-custom-value").Click();
        form.Find("[data-field='customValues[].name'] input").Change("Greeting");
        form.Find("#add-user").Click();
        form.Find("[data-field='users[0].firstName'] input").Change("Sam");
        form.Find("[data-field='users[0].lastName'] input").Change("Lee");
        form.Find("[data-field='users[0].email'] input").Change("sam@acme.example");

        form.Find("#submit-button").Click();

        form.WaitForAssertion(() => Assert.Contains(
            "'business.email' must be an e-mail address like name@example.com.", form.Find("[data-field='business.email']").TextContent), WaitTimeout);
        Assert.Contains("unknown placeholder {{business.nope}}", form.Find("[data-field='customValues[Greeting]']").TextContent);
        Assert.Contains("'users[0].role' must be one of: admin, user.", form.Find("[data-field='users[0].role']").TextContent);
        // A key with no input of its own is listed above the form, not lost.
        Assert.Contains("Idempotency-Key", form.Find("#form-errors").TextContent);
        Assert.DoesNotContain("must be", form.Find("[data-field='business.name']").TextContent);

        var sent = Assert.Single(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/provision");
        Assert.StartsWith("portal-", sent.Request.Headers.GetValues("Idempotency-Key").Single(), StringComparison.Ordinal);
        Assert.Contains("\"Greeting\":\"\"", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithRequiredFieldsEmpty_ShowsClientMessagesAndSendsNothing()
    {
        var form = await RenderSignedInAsync();

        form.Find("#submit-button").Click();

        form.WaitForAssertion(() => Assert.Contains("Business name is required.", form.Find("[data-field='business.name']").TextContent), WaitTimeout);
        Assert.Contains("Business phone is required.", form.Find("[data-field='business.phone']").TextContent);
        Assert.DoesNotContain(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/provision");
    }

    [Fact]
    public async Task Render_AsViewer_HasNoSubmitOrPreview()
    {
        var form = await RenderSignedInAsync("viewer");

        Assert.Empty(form.FindAll("#submit-button"));
        Assert.Empty(form.FindAll("#preview-button"));
        Assert.Contains("can look at jobs but not start them", form.Find("#viewer-notice").TextContent);
    }

    private async Task<IRenderedComponent<ProvisionForm>> RenderSignedInAsync(string role = "operator")
    {
        _role = role;
        await _bunit.SignInAsync();
        return _bunit.Render<ProvisionForm>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
