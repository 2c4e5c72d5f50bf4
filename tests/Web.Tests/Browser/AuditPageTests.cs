using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class AuditPageTests(BrowserFixture browser, AuditBulkPortalFixture portal) : IClassFixture<AuditBulkPortalFixture>
{
    [Fact]
    public async Task Audit_ListsEntriesFiltersByJobAndShowsTheVerifyResult()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "admin");
        var jobId = Guid.NewGuid().ToString();
        var start = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        portal.Audit.Add(session,
            new AuditFakeEntry(1, "Provisioner.Contracts.Auth.AgencyConnected", "Agency \"North\" connected by user:pat", null, "user:pat", start),
            new AuditFakeEntry(2, "Provisioner.Contracts.Provisioning.ProvisioningRequested", "Provisioning of \"Lakeside Dental\" requested by user:pat", jobId, "user:pat", start.AddMinutes(1)),
            new AuditFakeEntry(3, "Provisioner.Contracts.Provisioning.ProvisioningSucceeded", "Job succeeded: location loc-1", jobId, null, start.AddMinutes(2)));
        var brokenId = Guid.NewGuid();
        portal.Audit.SetVerify(session, ok: false, @checked: 2, brokenId, "content does not match its hash");

        // The job page's link: the list starts filtered to the job, and the export link keeps the filter.
        await page.OpenAsync(portal.Url($"/audit?jobId={jobId}"));

        var rows = page.Locator("[data-testid='audit-table'] tr.audit-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.First).ToContainTextAsync("Job succeeded: location loc-1");
        await Assertions.Expect(page.GetByTestId("audit-export-link")).ToHaveAttributeAsync("href", $"/api/audit/export?jobId={jobId}");
        Assert.Contains(portal.Audit.ListQueries, q => q.Contains($"jobId={jobId}", StringComparison.Ordinal));

        // Clearing the filter lists the agency's whole log (one page load per test: the shared machine is slow to start circuits).
        await page.GetByLabel("Job id").FillAsync("");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("audit-export-link")).ToHaveAttributeAsync("href", "/api/audit/export");

        await page.GetByTestId("audit-verify-button").ClickAsync();
        var result = page.GetByTestId("audit-verify-result");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-ok", "false");
        await Assertions.Expect(result).ToContainTextAsync("Chain broken at entry 2.");
        await Assertions.Expect(result).ToContainTextAsync(brokenId.ToString());
        await Screenshots.SaveAsync(page, "audit");
    }

    [Fact]
    public async Task Audit_AsViewer_ListsEntriesWithoutExportOrVerify()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "viewer");
        portal.Audit.Add(session, new AuditFakeEntry(1, "Provisioner.Contracts.Auth.UserSignedIn", "User signed in as viewer", null, "user:v", DateTimeOffset.UtcNow));

        await page.OpenAsync(portal.Url("/audit"));

        await Assertions.Expect(page.Locator("[data-testid='audit-table'] tr.audit-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("audit-export-link")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("audit-verify-button")).ToHaveCountAsync(0);
    }
}
