using System.Text;
using Microsoft.Playwright;
using Provisioner.Portal.EndToEnd.Tests.Infrastructure;

namespace Provisioner.Portal.EndToEnd.Tests;

/// <summary>
/// The long bulk variant (Full run only): a file with an invalid row, created with "skip the invalid rows", and every
/// created job followed in /jobs to Succeeded — minutes on the shared machine, as each job runs the five GHL steps.
/// </summary>
[Collection(PortalSystemCollection.Name)]
public sealed class BulkFullTests(PortalSystemFixture system)
{
    [Fact]
    [Trait("Category", "Full")]
    public async Task BulkUpload_WithInvalidRowCreatedPartially_ValidRowsSucceedInJobsList()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string[] valid = [$"Partial Gym {suffix}", $"Partial Salon {suffix}"];
        var csv = new StringBuilder()
            .AppendLine("business_name,business_email,business_phone,country,timezone,industry")
            .AppendLine($"{valid[0]},gym-{suffix}@bulk.example,(512) 555-0111,US,America/Chicago,Fitness")
            .AppendLine($"Broken Row {suffix},not-an-e-mail,(512) 555-0112,US,America/Chicago,Fitness")
            .AppendLine($"{valid[1]},salon-{suffix}@bulk.example,(512) 555-0113,US,America/Chicago,Med spa")
            .ToString();
        var page = await system.AdminPageAsync();
        await page.OpenAsync(system.Url("/provision/bulk"));
        await page.Locator("[data-testid='bulk-upload'] input[type='file']").SetBlazorInputFileAsync(new FilePayload
        {
            Name = "partial.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });

        await Assertions.Expect(page.Locator("#bulk-file-name")).ToHaveTextAsync("partial.csv");
        await Assertions.Expect(page.Locator("#bulk-rows")).ToContainTextAsync("3 rows", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#bulk-valid")).ToContainTextAsync("2 valid");
        await Assertions.Expect(page.Locator("#bulk-invalid")).ToContainTextAsync("1 invalid");
        // Spreadsheet numbering: the header is row 1, so the broken client is row 3.
        await Assertions.Expect(page.Locator(".bulk-error[data-row='3']")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#bulk-create-button")).ToBeDisabledAsync();
        await Shots.SaveAsync(page, "bulk-partial-report");

        await page.GetByLabel("Create the valid rows and skip the invalid ones").CheckAsync();
        await Assertions.Expect(page.Locator("#bulk-create-button")).ToBeEnabledAsync();
        await page.Locator("#bulk-create-button").ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-created-table .bulk-job")).ToHaveCountAsync(2, new() { Timeout = 90_000 });
        await Shots.SaveAsync(page, "bulk-partial-created");

        await page.OpenAsync(system.Url("/jobs"));
        var deadline = DateTime.UtcNow.AddSeconds(600);
        while (true)
        {
            await page.Locator("#job-search").FillAsync(suffix);
            var rows = page.Locator(".job-row");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            var succeeded = rows.Filter(new() { Has = page.Locator(".status-chip", new() { HasText = "Succeeded" }) });
            if (await succeeded.CountAsync() == 2 || DateTime.UtcNow > deadline)
            {
                break;
            }

            await page.ReloadAsync();
            await page.WaitForInteractiveAsync();
        }

        foreach (var name in valid)
        {
            await Assertions.Expect(page.Locator(".job-row", new() { HasText = name }).Locator(".status-chip")).ToContainTextAsync("Succeeded");
        }

        await Shots.SaveAsync(page, "bulk-partial-jobs");
    }
}
