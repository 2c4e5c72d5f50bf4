using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

/// <summary>/snapshots and the provision form's snapshot picker, against <see cref="SnapshotAdvisorFake"/>.</summary>
[Collection(SnapshotPortalCollection.Name)]
public sealed class SnapshotPageTests(BrowserFixture browser, SnapshotPortalFixture portal)
{
    [Fact]
    public async Task Snapshots_SearchAndTagFilter_NarrowTheGrid()
    {
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "viewer");
        await page.OpenAsync(portal.Url("/snapshots"));
        var rows = page.Locator("[data-testid='snapshot-grid'] tr[data-snapshot]");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        // A viewer looks: no Edit, no Sync.
        await Assertions.Expect(page.Locator("[data-testid='snapshot-edit']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid='snapshot-sync']")).ToHaveCountAsync(0);

        await page.GetByLabel("Search snapshots").FillAsync("roof");

        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-snapshot", "snap-roofing");

        await page.GetByLabel("Search snapshots").FillAsync("");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await page.Locator("[aria-label='Filter by tag dental']").First.ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-snapshot", "snap-dental");
        await Assertions.Expect(page.Locator("[data-testid='snapshot-active-tag']")).ToContainTextAsync("dental");
        await Screenshots.SaveAsync(page, "snapshots-filtered");
    }

    [Fact]
    public async Task Snapshots_EditWithBadTag_ShowsTheErrorInPlaceThenSaves()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "operator");
        await page.OpenAsync(portal.Url("/snapshots"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit snapshot Clinic Starter" }).ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Tags").FillAsync("clinic, " + new string('x', 61));
        await dialog.Locator("[data-testid='snapshot-save']").ClickAsync();

        await Assertions.Expect(dialog.Locator("[data-field='tags']")).ToContainTextAsync("A tag must be 1 to 60 characters.");
        await Screenshots.SaveAsync(page, "snapshots-edit-error");

        await dialog.GetByLabel("Tags").FillAsync("clinic, walk-in");
        await dialog.GetByLabel("Description").FillAsync("Walk-in clinics and urgent care");
        await dialog.Locator("[data-testid='snapshot-add-default']").ClickAsync();
        await dialog.GetByLabel("Default 1 name").FillAsync("Opening Hours");
        await dialog.GetByLabel("Default 1 value").FillAsync("7 days, 8-20");
        await dialog.Locator("[data-testid='snapshot-save']").ClickAsync();

        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var row = page.Locator("tr[data-snapshot='snap-clinic']");
        await Assertions.Expect(row.Locator(".snapshot-tags")).ToContainTextAsync("walk-in");
        await Assertions.Expect(row.Locator(".snapshot-description")).ToHaveTextAsync("Walk-in clinics and urgent care");
        var saved = portal.Advisor.LibraryOf(session).Single(s => s.Id == "snap-clinic");
        Assert.Equal(["clinic", "walk-in"], saved.Tags);
        Assert.Equal("7 days, 8-20", saved.DefaultCustomValues["Opening Hours"]);
    }

    [Fact]
    public async Task Provision_PickAdvisedThenOverride_PrefillsDefaultsAndKeepsTypedValues()
    {
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "operator");
        await page.OpenAsync(portal.Url("/provision"));
        await page.GetByLabel("Business name").FillAsync("Lakeside Dental");
        await page.GetByLabel("Business e-mail").FillAsync("office@lakeside.example");
        await page.GetByLabel("Business phone").FillAsync("555-0100");
        await page.Locator("#add-custom-value").ClickAsync();
        await page.GetByLabel("Custom value 1 name").FillAsync("Greeting");
        await page.GetByLabel("Custom value 1 value").FillAsync("Hello from the owner");
        await page.GetByLabel("Industry").FillAsync("Dentist");
        await page.GetByLabel("Industry").BlurAsync();

        var cards = page.Locator("[data-testid='advisor-card']");
        await Assertions.Expect(cards).ToHaveCountAsync(3);
        await Assertions.Expect(cards.First).ToHaveAttributeAsync("data-snapshot", "snap-dental");
        await Assertions.Expect(cards.First.Locator(".advisor-reasons")).ToContainTextAsync("industry matches: dental");

        await cards.First.Locator("[data-testid='advisor-use']").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='snapshot-selected']")).ToContainTextAsync("Dental Pro (advised)");
        await Assertions.Expect(page.Locator("[data-field='customValues[Booking Link]'] input")).ToHaveValueAsync("https://book.example/dental");
        await Assertions.Expect(page.Locator("[data-field='customValues[Greeting]'] input")).ToHaveValueAsync("Hello from the owner");
        await Screenshots.SaveAsync(page, "provision-picker-advised");

        // Override with a snapshot from the grid: its defaults replace the untouched ones of the first pick.
        await page.Locator("#snapshot-picker-grid tr[data-snapshot='snap-roofing'] [data-testid='snapshot-use']").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid='snapshot-selected']")).ToContainTextAsync("Roofing Leads");
        await Assertions.Expect(page.GetByLabel("Snapshot id")).ToHaveValueAsync("snap-roofing");
        await Assertions.Expect(page.Locator("[data-field='customValues[Hours]'] input")).ToHaveValueAsync("Mon-Fri 8-6");
        await Assertions.Expect(page.Locator("[data-field='customValues[Booking Link]']")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-field='customValues[Greeting]'] input")).ToHaveValueAsync("Hello from the owner");
    }
}
