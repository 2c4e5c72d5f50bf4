using Microsoft.Playwright;
using Provisioner.Portal.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Provisioner.Portal.EndToEnd.Tests;

/// <summary>
/// Issue #9: "a job failing through an injected sandbox fault shows the error and succeeds on Retry". GhlSandbox answers
/// every user create (<c>POST /users/</c>) with 400: a permanent failure (ProvisioningService's classifier), so the job
/// stops Failed at the users step after the location, snapshot and custom values are done.
/// </summary>
[Collection(PortalSystemCollection.Name)]
public sealed class FailureRetryTests(PortalSystemFixture system, ITestOutputHelper output)
{
    [Fact]
    public async Task Job_FailedByInjectedFault_ShowsTheErrorThenSucceedsAfterRetry()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var business = $"Faulty Dental {suffix}";
        var page = await system.AdminPageAsync();
        await page.OpenAsync(system.Url("/provision"));
        await Intake.FillAsync(page, business, suffix);

        await system.AddFaultAsync(new { method = "POST", path = "/users/", status = 400, rate = 1.0, count = 3 });
        try
        {
            await Intake.SubmitAsync(page, output.WriteLine);
            await Intake.WaitForStatusAsync(page, "Failed");
        }
        finally
        {
            // Cleared before Retry (and whatever happened): the fault must not reach another test's job.
            await system.ClearFaultsAsync();
        }

        var users = page.Locator("[data-step='users']");
        await Assertions.Expect(users.Locator(".status-chip")).ToContainTextAsync("Failed");
        await Assertions.Expect(users.Locator(".step-error")).ToContainTextAsync("400");
        await Assertions.Expect(page.Locator("#job-error")).ToContainTextAsync("400");
        await Assertions.Expect(page.Locator(".job-log-line[data-type='JobStepFailed']", new() { HasText = "Step users failed" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-step='custom-values'] .status-chip")).ToContainTextAsync("Succeeded");
        await Assertions.Expect(page.Locator("#feed-state")).ToHaveTextAsync("Ended: the job is finished");
        await Shots.SaveAsync(page, "job-failed");

        await page.Locator("#retry-button").ClickAsync();

        // The page restarts its stream after a retry: the rest arrives live.
        await Intake.WaitForStatusAsync(page, "Succeeded");
        await Assertions.Expect(users.Locator(".status-chip")).ToContainTextAsync("Succeeded");
        await Assertions.Expect(page.Locator("#job-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#retry-button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".job-log-line[data-type='JobStepCompleted']", new() { HasText = "Step users completed" })).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".job-log-line").Last).ToHaveAttributeAsync("data-type", "Succeeded");
        await Shots.SaveAsync(page, "job-retried-succeeded");
    }
}
