extern alias web;

using System.Net;
using System.Text.Json;
using Bunit;
using MudBlazor;
using web::Provisioner.Web.Backend;
using web::Provisioner.Web.Components.Provision;

namespace Provisioner.Web.Tests.Components;

/// <summary>The provision form's snapshot picker against a fake SnapshotAdvisor: advice, override, prefill.</summary>
public sealed class ProvisionPickerTests : IAsyncLifetime
{
    private const string Plan = """
        {"dryRun":true,"snapshot":{"snapshotId":null,"source":"advisor","reason":"x"},
         "business":{"name":"n","email":"e","phone":"p","website":null,"address":null,"city":null,"state":null,"postalCode":null,
                     "country":"US","timezone":"America/New_York","industry":null,"description":null},
         "customValues":{},"users":[],"steps":[]}
        """;

    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    private static readonly object[] Library =
    [
        Snapshot("snap-dental", "Dental Pro", ["dental"], new() { ["Greeting"] = "Welcome to the practice", ["Booking Link"] = "https://book.example/dental" }),
        Snapshot("snap-roofing", "Roofing Leads", ["roofing"], new() { ["Hours"] = "Mon–Fri 8–6" }),
        Snapshot("snap-clinic", "Clinic Starter", ["clinic"], []),
        Snapshot("snap-bakery", "Bakery Basics", ["food"], new() { ["Menu Link"] = "https://menu.example" }),
    ];

    // Four candidates: the picker shows the first three, in order.
    private const string Advice = """
        {"items":[
          {"snapshotId":"snap-dental","name":"Dental Pro","score":0.92,"confidence":0.81,"reasons":["industry matches: dental","tags: dental, booking"],"source":"local"},
          {"snapshotId":"snap-clinic","name":"Clinic Starter","score":0.55,"confidence":0.4,"reasons":["description mentions clinic"],"source":"local"},
          {"snapshotId":"snap-roofing","name":"Roofing Leads","score":0.2,"confidence":0.1,"reasons":["fallback: general lead capture"],"source":"local"},
          {"snapshotId":"snap-bakery","name":"Bakery Basics","score":0.1,"confidence":0.05,"reasons":["nothing else"],"source":"local"}],
         "confident":true,"source":"local","fallbackReason":null}
        """;

    private readonly BunitContext _bunit = new();
    private readonly FakeHttpHandler _backend;

    public ProvisionPickerTests()
    {
        _backend = new FakeHttpHandler((request, _) => SignedInPortal.AnswerAuth(request, "operator") ?? (request.Method.Method, request.RequestUri!.AbsolutePath) switch
        {
            ("POST", "/api/snapshots/recommend") => FakeHttpHandler.Json(HttpStatusCode.OK, Advice),
            ("GET", "/api/snapshots") => FakeHttpHandler.Json(HttpStatusCode.OK,
                JsonSerializer.Serialize(new { items = Library, total = Library.Length, page = 1, pageSize = 5 })),
            ("GET", var path) when path.StartsWith("/api/snapshots/", StringComparison.Ordinal) =>
                Library.FirstOrDefault(s => path.EndsWith("/" + IdOf(s), StringComparison.Ordinal)) is { } found
                    ? FakeHttpHandler.Json(HttpStatusCode.OK, JsonSerializer.Serialize(found))
                    : new HttpResponseMessage(HttpStatusCode.NotFound),
            ("POST", "/api/provision") => FakeHttpHandler.Json(HttpStatusCode.OK, Plan),
            _ => new HttpResponseMessage(HttpStatusCode.NotFound),
        });

        _bunit.AddPortalSession(_backend);
        _bunit.AddServiceClient(_backend, (http, tokens) => new ProvisioningApiClient(http, tokens));
        _bunit.AddServiceClient(_backend, (http, tokens) => new SnapshotApiClient(http, tokens));
    }

    [Fact]
    public async Task Business_WithNameAndIndustry_ShowsAdvisorsTopThreeWithReasons()
    {
        var form = await RenderSignedInAsync();
        Assert.Contains("Fill in the business name", form.Find("[data-testid='advisor-advice']").TextContent);
        Assert.DoesNotContain(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/snapshots/recommend");

        form.Find("[data-field='business.name'] input").Change("Lakeside Dental");
        form.Find("[data-field='business.industry'] input").Change("Dentist");

        form.WaitForAssertion(() => Assert.Equal(3, form.FindAll("[data-testid='advisor-card']").Count), WaitTimeout);
        var cards = form.FindAll("[data-testid='advisor-card']");
        Assert.Equal(["snap-dental", "snap-clinic", "snap-roofing"], cards.Select(c => c.GetAttribute("data-snapshot")));
        Assert.Equal(["1", "2", "3"], cards.Select(c => c.GetAttribute("data-rank")));
        Assert.Contains("Advisor's pick", cards[0].TextContent);
        Assert.Equal(["industry matches: dental", "tags: dental, booking"], cards[0].QuerySelectorAll(".advisor-reasons li").Select(li => li.TextContent));
        Assert.Contains("description mentions clinic", cards[1].TextContent);
        var asked = Assert.Single(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/snapshots/recommend");
        Assert.Contains("\"industry\":\"Dentist\"", asked.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pick_AdvisedThenOverrideFromGrid_SendsTheOverride()
    {
        var form = await RenderSignedInAsync();
        await FillBusinessAsync(form);
        form.WaitForAssertion(() => Assert.Equal(3, form.FindAll("[data-testid='advisor-card']").Count), WaitTimeout);

        form.Find("[data-testid='advisor-card'][data-rank='1'] [data-testid='advisor-use']").Click();
        form.WaitForAssertion(() => Assert.Contains("Dental Pro", form.Find("[data-testid='snapshot-selected']").TextContent), WaitTimeout);
        Assert.Contains("(advised)", form.Find("[data-testid='snapshot-selected']").TextContent);

        // Override: any snapshot of the library, here one the advisor did not put in its top three.
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("tr[data-snapshot='snap-bakery']")), WaitTimeout);
        form.Find("tr[data-snapshot='snap-bakery'] [data-testid='snapshot-use']").Click();
        form.WaitForAssertion(() => Assert.Contains("Bakery Basics", form.Find("[data-testid='snapshot-selected']").TextContent), WaitTimeout);
        Assert.Contains("(your choice)", form.Find("[data-testid='snapshot-selected']").TextContent);

        form.Find("#preview-button").Click();

        form.WaitForAssertion(() => Assert.Contains(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/provision"), WaitTimeout);
        var sent = _backend.Requests.Single(r => r.Request.RequestUri!.AbsolutePath == "/api/provision");
        Assert.Contains("\"snapshotId\":\"snap-bakery\"", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pick_LetAdvisorChoose_SendsNoSnapshot()
    {
        var form = await RenderSignedInAsync();
        await FillBusinessAsync(form);
        form.WaitForAssertion(() => Assert.Equal(3, form.FindAll("[data-testid='advisor-card']").Count), WaitTimeout);
        form.Find("[data-testid='advisor-card'][data-rank='2'] [data-testid='advisor-use']").Click();
        form.WaitForAssertion(() => Assert.Contains("Clinic Starter", form.Find("[data-testid='snapshot-selected']").TextContent), WaitTimeout);

        ChooseRadio(form, "snapshot-advisor");
        form.Find("#preview-button").Click();

        form.WaitForAssertion(() => Assert.Contains(_backend.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/provision"), WaitTimeout);
        var sent = _backend.Requests.Single(r => r.Request.RequestUri!.AbsolutePath == "/api/provision");
        Assert.Contains("\"snapshotId\":null", sent.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pick_SnapshotWithDefaults_PrefillsEmptyValuesAndKeepsTypedOnes()
    {
        var form = await RenderSignedInAsync();
        await FillBusinessAsync(form);
        form.Find("#add-custom-value").Click();
        form.Find("[data-field='customValues[].name'] input").Change("Greeting");
        form.Find("[data-field='customValues[Greeting]'] input").Change("Hi from the owner");
        form.WaitForAssertion(() => Assert.Equal(3, form.FindAll("[data-testid='advisor-card']").Count), WaitTimeout);

        form.Find("[data-testid='advisor-card'][data-rank='1'] [data-testid='advisor-use']").Click();

        form.WaitForAssertion(() => Assert.Equal("https://book.example/dental", ValueOf(form, "Booking Link")), WaitTimeout);
        Assert.Equal("Hi from the owner", ValueOf(form, "Greeting"));

        // Another pick replaces the first pick's untouched default and still keeps the typed value.
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("tr[data-snapshot='snap-roofing']")), WaitTimeout);
        form.Find("tr[data-snapshot='snap-roofing'] [data-testid='snapshot-use']").Click();

        form.WaitForAssertion(() => Assert.Equal("Mon–Fri 8–6", ValueOf(form, "Hours")), WaitTimeout);
        Assert.Null(ValueOf(form, "Booking Link"));
        Assert.Equal("Hi from the owner", ValueOf(form, "Greeting"));
    }

    /// <summary>Selects a MudRadio by its id (MudBlazor puts it on the radio's input or on an element around it).</summary>
    private static void ChooseRadio(IRenderedComponent<ProvisionForm> form, string id)
    {
        var element = form.Find($"#{id}");
        var input = element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
        try
        {
            input.Click();
        }
        catch (MissingEventHandlerException)
        {
            input.Change(true);
        }
    }

    /// <summary>The value input of the custom value row with this name, or null when there is no such row.</summary>
    private static string? ValueOf(IRenderedComponent<ProvisionForm> form, string name) =>
        form.FindAll($"[data-field='customValues[{name}]'] input").SingleOrDefault()?.GetAttribute("value");

    private static Task FillBusinessAsync(IRenderedComponent<ProvisionForm> form)
    {
        form.Find("[data-field='business.name'] input").Change("Lakeside Dental");
        form.Find("[data-field='business.email'] input").Change("office@lakeside.example");
        form.Find("[data-field='business.phone'] input").Change("555-0100");
        form.Find("[data-field='business.industry'] input").Change("Dentist");
        return Task.CompletedTask;
    }

    private static string IdOf(object snapshot) => JsonSerializer.SerializeToElement(snapshot).GetProperty("id").GetString()!;

    private static object Snapshot(string id, string name, string[] tags, Dictionary<string, string> defaults) => new
    {
        id,
        name,
        type = "own",
        description = $"{name} for new clients",
        tags,
        defaultCustomValues = defaults,
        defaultUserRoles = Array.Empty<string>(),
        hidden = false,
        lastSyncedAt = DateTimeOffset.UnixEpoch,
        updatedAt = DateTimeOffset.UnixEpoch,
    };

    private async Task<IRenderedComponent<ProvisionForm>> RenderSignedInAsync()
    {
        await _bunit.SignInAsync();
        return _bunit.Render<ProvisionForm>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}
