using System.Text;
using Microsoft.Playwright;
using Provisioner.Portal.EndToEnd.Tests.Infrastructure;

namespace Provisioner.Portal.EndToEnd.Tests;

/// <summary>Issue #9: "bulk upload" — a CSV chosen in /provision/bulk is checked row by row, then Create makes one job per row.</summary>
[Collection(PortalSystemCollection.Name)]
public sealed class BulkTests(PortalSystemFixture system)
{
    [Fact]
    public async Task BulkUpload_ValidCsv_ReportsEveryRowThenCreatesOneJobPerRow()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string[] names = [$"Bulk Roofing {suffix}", $"Bulk Bakery {suffix}"];
        // No users: the jobs (which keep running after this test) then never POST /users/, which another test faults.
        var csv = new StringBuilder()
            .AppendLine("business_name,business_email,business_phone,country,timezone,industry,cv:Booking Link")
            .AppendLine($"{names[0]},roof-{suffix}@bulk.example,(512) 555-0101,US,America/Chicago,Roofing,https://roof.example/book")
            .AppendLine($"\"{names[1]}\",bake-{suffix}@bulk.example,(512) 555-0102,US,America/Chicago,Restaurant,\"https://bake.example/book?a=1,2\"")
            .ToString();
        var page = await system.AdminPageAsync();
        await page.OpenAsync(system.Url("/provision/bulk"));
        await Shots.SaveAsync(page, "bulk-empty");

        await page.Locator("[data-testid='bulk-upload'] input[type='file']").SetBlazorInputFileAsync(new FilePayload
        {
            Name = "clients.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });

        await Assertions.Expect(page.Locator("#bulk-file-name")).ToHaveTextAsync("clients.csv");
        await Assertions.Expect(page.Locator("#bulk-rows")).ToContainTextAsync("2 rows", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#bulk-valid")).ToContainTextAsync("2 valid");
        await Assertions.Expect(page.Locator("#bulk-invalid")).ToContainTextAsync("0 invalid");
        await Assertions.Expect(page.Locator("#bulk-all-valid")).ToBeVisibleAsync();
        await Shots.SaveAsync(page, "bulk-report");

        await page.Locator("#bulk-create-button").ClickAsync();

        await Assertions.Expect(page.Locator("#bulk-created-summary")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        var created = page.Locator("#bulk-created-table .bulk-job");
        await Assertions.Expect(created).ToHaveCountAsync(2);
        foreach (var name in names)
        {
            await Assertions.Expect(created.Filter(new() { HasText = name })).ToHaveCountAsync(1);
        }

        await Shots.SaveAsync(page, "bulk-created");

        // Each row's link opens its job, which runs like any other.
        await created.Filter(new() { HasText = names[1] }).Locator(".bulk-job-link").ClickAsync(new() { Timeout = PortalSystemFixture.NavigationTimeout });
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/jobs/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator("#job-business")).ToHaveTextAsync(names[1]);
        await Shots.SaveAsync(page, "bulk-job");
    }
}
