using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Provisioner.Portal.EndToEnd.Tests.Infrastructure;

/// <summary>Fills and submits the portal's intake form by its labels, as a person would.</summary>
public static partial class Intake
{
    /// <summary>Every GHL step the saga runs, in plan order (ProvisioningService/README.md).</summary>
    public static readonly string[] Steps = ["choose-snapshot", "create-location", "wait-for-snapshot", "custom-values", "users"];

    /// <summary>Fills the business fields and one user; the snapshot stays "Let the advisor choose".</summary>
    public static async Task FillAsync(IPage page, string businessName, string suffix)
    {
        await page.GetByLabel("Business name").FillAsync(businessName);
        await page.GetByLabel("Business e-mail").FillAsync($"office-{suffix}@lakeside-dental.example");
        await page.GetByLabel("Business phone").FillAsync("(512) 555-0188");
        await page.GetByLabel("Country").FillAsync("US");
        await page.GetByLabel("Time zone").FillAsync("America/Chicago");
        await page.GetByLabel("Industry").FillAsync("Dental");
        await page.GetByLabel("Description").FillAsync("Family dental practice: cleanings, implants and cosmetic dentistry.");
        await page.Locator("#add-user").ClickAsync();
        await page.GetByLabel("User 1 first name").FillAsync("Maya");
        await page.GetByLabel("User 1 last name").FillAsync("Lopez");
        // E-mails are unique across the whole sandbox: one per job.
        await page.GetByLabel("User 1 e-mail").FillAsync($"maya-{suffix}@lakeside-dental.example");
    }

    /// <summary>
    /// Clicks Submit and waits for the job page it opens; returns the job id. A submit answered with an error toast is
    /// clicked again, as a person would, at most <paramref name="attempts"/> times: the form keeps its Idempotency-Key,
    /// so a second click finds the job a first one made. Seen once under a load average of 140: the very first submit
    /// of a fresh system came back as an error toast while the portal's first call to ProvisioningService warmed up.
    /// </summary>
    public static async Task<Guid> SubmitAsync(IPage page, Action<string>? log = null, int attempts = 3)
    {
        for (var attempt = 1; ; attempt++)
        {
            var toastsBefore = await page.Locator(".problem-toast").CountAsync();
            await page.Locator("#submit-button").ClickAsync(new() { Timeout = PortalSystemFixture.NavigationTimeout });
            // Either the job page opens or a new error toast appears (the form's field errors would be a toast too).
            await page.WaitForFunctionAsync(
                "n => /\\/jobs\\/[0-9a-f-]{36}$/.test(location.pathname) || document.querySelectorAll('.problem-toast').length > n",
                toastsBefore,
                new() { Timeout = PortalSystemFixture.NavigationTimeout, PollingInterval = 250 });
            if (JobUrl().IsMatch(page.Url))
            {
                break;
            }

            var toast = await page.Locator(".problem-toast").Last.InnerTextAsync();
            log?.Invoke($"submit attempt {attempt} answered with a toast: {toast}");
            Assert.True(attempt < attempts, $"Submit failed {attempts} times; the last toast: {toast}");
            await Assertions.Expect(page.Locator("#submit-button")).ToBeEnabledAsync();
        }

        var id = Guid.Parse(JobUrl().Match(page.Url).Groups["id"].Value);
        await page.WaitForInteractiveAsync();
        return id;
    }

    /// <summary>Waits (generously: the saga queues, then calls GHL five times over) for the job page's status chip.</summary>
    /// <remarks>On a different final status the failure names the job's error and each step's, and saves a screenshot.</remarks>
    public static async Task WaitForStatusAsync(IPage page, string status)
    {
        try
        {
            await Assertions.Expect(page.Locator("#job-status")).ToContainTextAsync(status, new() { Timeout = 300_000 });
        }
        catch (PlaywrightException e)
        {
            await Shots.SaveAsync(page, $"unexpected-{Guid.NewGuid():N}"[..19]);
            var error = await page.Locator("#job-error").AllInnerTextsAsync();
            var steps = await page.Locator(".step-item").AllInnerTextsAsync();
            throw new Xunit.Sdk.XunitException(
                $"The job did not reach {status}. Job error: {string.Join(" ", error)}\nSteps:\n{string.Join("\n", steps)}\n{e.Message}");
        }
    }

    [GeneratedRegex("/jobs/(?<id>[0-9a-f-]{36})$")]
    private static partial Regex JobUrl();
}
