using System.Globalization;
using System.Net;
using System.Text.Json;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Jobs;

namespace Provisioner.ProvisioningService.Tests;

/// <summary><c>GET /api/jobs/stats</c>'s <c>daily</c> series: finished jobs per UTC day by outcome, agency-scoped.</summary>
public sealed class JobStatsDailyTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    [Fact]
    public async Task Stats_FinishedJobsOnSeveralDays_CountsEachDayByOutcome()
    {
        var agency = Intakes.NewAgency();
        var today = new DateTimeOffset(DateTimeOffset.UtcNow.UtcDateTime.Date, TimeSpan.Zero);
        await SeedAsync(agency, JobStatus.Succeeded, today.AddDays(-1).AddHours(9));
        await SeedAsync(agency, JobStatus.Succeeded, today.AddDays(-1).AddHours(23));
        await SeedAsync(agency, JobStatus.Failed, today.AddDays(-1).AddHours(1));
        await SeedAsync(agency, JobStatus.Cancelled, today.AddDays(-5).AddHours(12));
        await SeedAsync(agency, JobStatus.Compensated, today.AddDays(-5).AddHours(12));
        await SeedAsync(agency, JobStatus.Succeeded, today.AddMinutes(1));
        await SeedAsync(agency, JobStatus.Succeeded, today.AddDays(-13).AddMinutes(1));
        // Outside the window (the 15th day back), and not finished at all: neither is counted.
        await SeedAsync(agency, JobStatus.Failed, today.AddDays(-14).AddHours(12));
        await SeedAsync(agency, JobStatus.Running, completedAt: null);
        // Another agency's job on a counted day must not show up.
        await SeedAsync(Intakes.NewAgency(), JobStatus.Failed, today.AddDays(-1).AddHours(12));

        var daily = await DailyAsync(host.ClientFor(agency, "viewer"));

        Assert.Equal(14, daily.Count);
        Assert.Equal(Enumerable.Range(0, 14).Select(i => Day(today.AddDays(i - 13))), daily.Select(d => d.Day));
        Assert.Equal((2, 1, 0, 0), daily[Day(today.AddDays(-1))]);
        Assert.Equal((0, 0, 1, 1), daily[Day(today.AddDays(-5))]);
        Assert.Equal((1, 0, 0, 0), daily[Day(today)]);
        Assert.Equal((1, 0, 0, 0), daily[Day(today.AddDays(-13))]);
        Assert.Equal(7, daily.Sum(d => d.Counts.Succeeded + d.Counts.Failed + d.Counts.Cancelled + d.Counts.Compensated));
    }

    [Fact]
    public async Task Stats_AgencyWithoutJobs_ReturnsFourteenEmptyDays()
    {
        var daily = await DailyAsync(host.ClientFor(Intakes.NewAgency(), "viewer"));

        Assert.Equal(14, daily.Count);
        Assert.All(daily, d => Assert.Equal((0, 0, 0, 0), d.Counts));
    }

    private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<DailySeries> DailyAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/jobs/stats");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/jobs/stats: {response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return new DailySeries([.. json.RootElement.GetProperty("daily").EnumerateArray().Select(d => new DailyEntry(
            d.GetProperty("day").GetString()!,
            (d.GetProperty("succeeded").GetInt32(), d.GetProperty("failed").GetInt32(),
             d.GetProperty("cancelled").GetInt32(), d.GetProperty("compensated").GetInt32())))]);
    }

    /// <summary>Seeds a job row directly in a given state; the saga never sees it (no message is published).</summary>
    private Task SeedAsync(string agency, JobStatus status, DateTimeOffset? completedAt)
    {
        var intake = new ValidatedIntake(
            new IntakeBusiness("Stats Co", "owner@stats.example", "+13127445000", null, null, "Chicago", "IL", "60601", "US",
                "America/Chicago", "Plumbing", null),
            "snap-stats", [], []);
        var json = IntakeHash.Serialize(intake);
        var createdAt = (completedAt ?? DateTimeOffset.UtcNow).AddMinutes(-1);
        return host.WithDbAsync(db =>
        {
            db.Jobs.Add(new ProvisioningJob
            {
                Id = Guid.NewGuid(),
                AgencyId = agency,
                IdempotencyKey = Intakes.NewKey(),
                RequestHash = IntakeHash.Of(json),
                Intake = json,
                BusinessName = intake.Business.Name,
                BusinessEmail = intake.Business.Email,
                Status = status,
                SnapshotId = intake.SnapshotId,
                CreatedBy = "user:test",
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
                CompletedAt = completedAt,
                Steps = [.. ProvisioningSteps.All.Select((step, i) => new JobStep { Name = step, Ordinal = i, Status = StepStatus.Pending })],
            });
            return Task.CompletedTask;
        });
    }

    private sealed record DailyEntry(string Day, (int Succeeded, int Failed, int Cancelled, int Compensated) Counts);

    private sealed class DailySeries(IReadOnlyList<DailyEntry> entries) : IEnumerable<DailyEntry>
    {
        public int Count => entries.Count;

        public (int Succeeded, int Failed, int Cancelled, int Compensated) this[string day] => entries.Single(e => e.Day == day).Counts;

        public IEnumerator<DailyEntry> GetEnumerator() => entries.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
