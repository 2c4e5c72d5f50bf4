using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Jobs;

namespace Provisioner.ProvisioningService.Tests;

public sealed class JobsApiTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    private static readonly DateTimeOffset Day = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_EachFilter_ReturnsOnlyMatchingJobs()
    {
        var agency = Intakes.NewAgency();
        var alpha = await CreateAsync(agency, "Alpha Dental", Day, JobStatus.Succeeded);
        var beta = await CreateAsync(agency, "Beta Roofing", Day.AddDays(1), JobStatus.Failed);
        var gamma = await CreateAsync(agency, "Gamma 100%", Day.AddDays(2), JobStatus.Queued);
        var client = host.ClientFor(agency, "viewer");

        Assert.Equal([beta], Ids(await GetAsync(client, "/api/jobs?status=failed")));
        Assert.Equal([gamma, beta], Ids(await GetAsync(client, $"/api/jobs?from={Uri.EscapeDataString(Day.AddDays(1).ToString("O"))}")));
        Assert.Equal([alpha], Ids(await GetAsync(client, $"/api/jobs?to={Uri.EscapeDataString(Day.AddDays(1).ToString("O"))}")));
        Assert.Equal([alpha], Ids(await GetAsync(client, "/api/jobs?q=alpha%20DENT")));
        Assert.Equal([gamma], Ids(await GetAsync(client, "/api/jobs?q=100%25")));
        Assert.Equal(3, Ids(await GetAsync(client, "/api/jobs?q=acme-plumbing.com")).Count);
    }

    [Fact]
    public async Task List_SortAndPaging_ReturnsRequestedSlice()
    {
        var agency = Intakes.NewAgency();
        var c = await CreateAsync(agency, "Charlie", Day, JobStatus.Running);
        var a = await CreateAsync(agency, "Alpha", Day.AddHours(1), JobStatus.Failed);
        var b = await CreateAsync(agency, "Bravo", Day.AddHours(2), JobStatus.Succeeded);
        var client = host.ClientFor(agency, "viewer");

        var firstPage = await GetAsync(client, "/api/jobs?sort=createdAt&order=desc&page=1&pageSize=2");
        var secondPage = await GetAsync(client, "/api/jobs?sort=createdAt&order=desc&page=2&pageSize=2");

        Assert.Equal(3, firstPage.GetProperty("total").GetInt32());
        Assert.Equal(2, firstPage.GetProperty("pageSize").GetInt32());
        Assert.Equal([b, a], Ids(firstPage));
        Assert.Equal([c], Ids(secondPage));
        Assert.Equal([c, a, b], Ids(await GetAsync(client, "/api/jobs?sort=createdAt&order=asc")));
        Assert.Equal([a, b], Ids(await GetAsync(client, "/api/jobs?sort=name&order=asc&pageSize=2")));
        Assert.Equal([c, b, a], Ids(await GetAsync(client, "/api/jobs?sort=name&order=desc")));
        Assert.Equal(["Failed", "Running", "Succeeded"], Statuses(await GetAsync(client, "/api/jobs?sort=status&order=asc")));
    }

    [Fact]
    public async Task List_BadParameters_NamesEachParameter()
    {
        using var response = await host.ClientFor(Intakes.NewAgency(), "viewer")
            .GetAsync("/api/jobs?status=1&from=yesterday&sort=size&order=up&page=0&pageSize=1000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            ["from", "order", "page", "pageSize", "sort", "status"],
            (await response.ErrorFieldsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Get_OwnJob_ReturnsStatusAndSteps()
    {
        var agency = Intakes.NewAgency();
        var id = await CreateAsync(agency, "Delta", Day, JobStatus.Running);
        await host.WithDbAsync(async db =>
        {
            var jobId = Guid.Parse(id);
            var step = await db.JobSteps.SingleAsync(s => s.JobId == jobId && s.Name == "create-location");
            step.Status = StepStatus.Failed;
            step.Attempts = 2;
            step.StartedAt = Day;
            step.Error = "GHL 503";
        });

        var job = await GetAsync(host.ClientFor(agency, "viewer"), $"/api/jobs/{id}");

        Assert.Equal("Running", job.GetProperty("status").GetString());
        Assert.Equal("snap-plumbing", job.GetProperty("snapshotId").GetString());
        var steps = job.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["choose-snapshot", "create-location", "wait-for-snapshot", "custom-values", "users"], steps.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("Failed", steps[1].GetProperty("status").GetString());
        Assert.Equal(2, steps[1].GetProperty("attempts").GetInt32());
        Assert.Equal("GHL 503", steps[1].GetProperty("error").GetString());
        Assert.Equal("Pending", steps[2].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Jobs_OtherAgency_IsInvisible()
    {
        var owner = Intakes.NewAgency();
        var id = await CreateAsync(owner, "Echo", Day, JobStatus.Queued);
        var stranger = host.ClientFor(Intakes.NewAgency(), "admin");

        using var detail = await stranger.GetAsync($"/api/jobs/{id}");
        var list = await GetAsync(stranger, "/api/jobs");
        var stats = await GetAsync(stranger, "/api/jobs/stats");

        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        Assert.Equal(0, stats.GetProperty("byStatus").GetProperty("Queued").GetInt32());
    }

    [Fact]
    public async Task Stats_MixedJobs_CountsRateAndMedian()
    {
        var agency = Intakes.NewAgency();
        var now = DateTimeOffset.UtcNow;
        await CreateAsync(agency, "S1", now.AddHours(-30), JobStatus.Succeeded, duration: TimeSpan.FromSeconds(60));
        await CreateAsync(agency, "S2", now.AddHours(-30), JobStatus.Succeeded, duration: TimeSpan.FromSeconds(120));
        await CreateAsync(agency, "S3", now.AddHours(-30), JobStatus.Succeeded, duration: TimeSpan.FromSeconds(300));
        await CreateAsync(agency, "F1", now.AddHours(-30), JobStatus.Failed, duration: TimeSpan.FromSeconds(10));
        await CreateAsync(agency, "Old", now.AddDays(-20), JobStatus.Failed, duration: TimeSpan.FromSeconds(10));
        await CreateAsync(agency, "New", now, JobStatus.Queued);

        var stats = await GetAsync(host.ClientFor(agency, "viewer"), "/api/jobs/stats");

        var byStatus = stats.GetProperty("byStatus");
        Assert.Equal(3, byStatus.GetProperty("Succeeded").GetInt32());
        Assert.Equal(2, byStatus.GetProperty("Failed").GetInt32());
        Assert.Equal(1, byStatus.GetProperty("Queued").GetInt32());
        Assert.Equal(0, byStatus.GetProperty("Compensated").GetInt32());
        Assert.Equal(1, stats.GetProperty("today").GetInt32());
        Assert.Equal(0.75, stats.GetProperty("successRate7Days").GetDouble(), 6);
        Assert.Equal(120, stats.GetProperty("medianDurationSeconds").GetDouble(), 3);
    }

    /// <summary>Creates a job through the API, then moves it to the given state and times as the saga would.</summary>
    /// <summary>
    /// Seeds a job row directly (not through POST /api/provision): these read-side tests set statuses and dates by hand,
    /// and a job that the saga picked up would move on under them.
    /// </summary>
    private async Task<string> CreateAsync(string agency, string name, DateTimeOffset createdAt, JobStatus status, TimeSpan? duration = null)
    {
        var id = Guid.NewGuid();
        var intake = new ValidatedIntake(
            new IntakeBusiness(name, "owner@acme-plumbing.com", "+13127445000", null, null, "Chicago", "IL", "60601", "US",
                "America/Chicago", "Plumbing", null),
            "snap-plumbing", [], []);
        var json = IntakeHash.Serialize(intake);
        await host.WithDbAsync(db =>
        {
            db.Jobs.Add(new ProvisioningJob
            {
                Id = id,
                AgencyId = agency,
                IdempotencyKey = Intakes.NewKey(),
                RequestHash = IntakeHash.Of(json),
                Intake = json,
                BusinessName = name,
                BusinessEmail = intake.Business.Email,
                Status = status,
                SnapshotId = intake.SnapshotId,
                CreatedBy = "user:test",
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
                CompletedAt = duration is { } d ? createdAt + d : null,
                Steps = [.. ProvisioningSteps.All.Select((step, i) => new JobStep { Name = step, Ordinal = i, Status = StepStatus.Pending })],
            });
            return Task.CompletedTask;
        });
        return id.ToString();
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    private static List<string> Statuses(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()!)];
}
