using Microsoft.Playwright;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

[Collection(PortalCollection.Name)]
public sealed class JobPageTests(BrowserFixture browser, PortalFixture portal)
{
    [Fact]
    public async Task Job_StreamingToSucceeded_ShowsEveryStepLiveAndTheGhlLink()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "operator");
        var job = portal.Provisioning.AddJob(session, "Streamed Salon");
        await page.OpenAsync(portal.Url($"/jobs/{job.Id}"));

        await Assertions.Expect(page.Locator("#job-business")).ToHaveTextAsync("Streamed Salon");
        await Assertions.Expect(page.Locator("#feed-state")).ToHaveTextAsync("Live");
        await Assertions.Expect(page.Locator("#cancel-button")).ToBeVisibleAsync();

        var fake = portal.Provisioning;
        await fake.PublishAsync(job.Id, "Running", new { status = "Running" });
        await fake.PublishAsync(job.Id, "JobStepStarted", new { step = "choose-snapshot", attempt = 1 });
        await fake.PublishAsync(job.Id, "JobStepCompleted", new { step = "choose-snapshot", attempt = 1, detail = "snapshot snap-1 chosen" });
        await fake.PublishAsync(job.Id, "JobStepStarted", new { step = "create-location", attempt = 1 });
        await fake.PublishAsync(job.Id, "JobStepCompleted", new { step = "create-location", attempt = 1, detail = "location created", locationId = "loc-123" });
        await fake.PublishAsync(job.Id, "JobStepStarted", new { step = "wait-for-snapshot", attempt = 1 });
        await fake.PublishAsync(job.Id, "SnapshotLoadProgressed", new { status = "loading", percentComplete = 40, detail = "4 of 10 assets" });

        var waitStep = page.Locator("[data-step='wait-for-snapshot']");
        await Assertions.Expect(waitStep.Locator(".status-chip")).ToContainTextAsync("Running");
        await Assertions.Expect(waitStep).ToContainTextAsync("Snapshot load: 40 % — 4 of 10 assets");
        await Screenshots.SaveAsync(page, "job-running");

        await fake.PublishAsync(job.Id, "JobStepCompleted", new { step = "wait-for-snapshot", attempt = 1, detail = "snapshot loaded: 10 assets" });
        foreach (var step in new[] { "custom-values", "users" })
        {
            await fake.PublishAsync(job.Id, "JobStepStarted", new { step, attempt = 1 });
            await fake.PublishAsync(job.Id, "JobStepCompleted", new { step, attempt = 1, detail = "done" });
        }

        await fake.PublishAsync(job.Id, "Succeeded", new { status = "Succeeded", locationId = "loc-123" });

        await Assertions.Expect(page.Locator("#job-status .status-chip")).ToContainTextAsync("Succeeded");
        await Assertions.Expect(page.Locator("#feed-state")).ToHaveTextAsync("Ended: the job is finished");
        await Assertions.Expect(page.Locator("#job-log .job-log-line")).ToHaveCountAsync(13);
        await Assertions.Expect(page.Locator("#job-log .job-log-line").Last).ToContainTextAsync("Job succeeded.");
        await Assertions.Expect(page.Locator("[data-step] .status-chip[data-status='Succeeded']")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#ghl-link")).ToHaveAttributeAsync("href", "https://app.gohighlevel.com/v2/location/loc-123/dashboard");
        await Assertions.Expect(page.Locator("#cancel-button")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "job-succeeded");
    }

    [Fact]
    public async Task Job_FailedAsOperator_ShowsErrorAndRetries()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "operator");
        var job = portal.Provisioning.AddJob(session, "Failing Florist", "Failed");
        job.Error = "create-location: GHL answered 422 (snapshot not found)";
        job.Steps[1].Status = "Failed";
        job.Steps[1].Attempts = 3;
        job.Steps[1].Error = "snapshot not found";
        await page.OpenAsync(portal.Url($"/jobs/{job.Id}"));

        await Assertions.Expect(page.Locator("#job-error")).ToContainTextAsync("snapshot not found");
        var step = page.Locator("[data-step='create-location']");
        await Assertions.Expect(step.Locator(".step-attempts")).ToHaveTextAsync("3 attempts");
        await Assertions.Expect(step.Locator(".step-error")).ToHaveTextAsync("snapshot not found");
        await Screenshots.SaveAsync(page, "job-failed");

        await page.Locator("#retry-button").ClickAsync();

        await Assertions.Expect(page.Locator("#job-status .status-chip")).ToContainTextAsync("Running");
        await Assertions.Expect(page.Locator("#retry-button")).ToHaveCountAsync(0);
        Assert.Equal(1, job.Retries);
    }

    [Fact]
    public async Task Job_FailedAsViewer_ShowsNoRetryOrCancel()
    {
        var page = await browser.NewPageAsync();
        var session = await portal.SignInAsync(page, "viewer");
        var job = portal.Provisioning.AddJob(session, "Viewed Vet", "Failed");
        await page.OpenAsync(portal.Url($"/jobs/{job.Id}"));

        await Assertions.Expect(page.Locator("#job-business")).ToHaveTextAsync("Viewed Vet");
        await Assertions.Expect(page.Locator("#retry-button")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#cancel-button")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Job_OfAnotherAgency_IsNotFound()
    {
        var page = await browser.NewPageAsync();
        await portal.SignInAsync(page, "admin");
        var other = portal.Provisioning.AddJob(portal.Sessions.Add("admin"), "Someone Else's");
        await page.OpenAsync(portal.Url($"/jobs/{other.Id}"));

        await Assertions.Expect(page.Locator("#job-problem")).ToContainTextAsync("There is no such job in your agency.");
    }
}
