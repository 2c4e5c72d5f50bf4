using System.Net;
using System.Text.Json;
using Provisioner.Contracts.Provisioning;
using Provisioner.ProvisioningService.Data;
using Provisioner.ProvisioningService.Intake;
using Provisioner.ProvisioningService.Jobs;

namespace Provisioner.ProvisioningService.Tests;

/// <summary>The admin-only operations endpoints: role checks, agency scoping, and what counts as failed or stuck.</summary>
public sealed class OperationsTests(ProvisioningHost host) : IClassFixture<ProvisioningHost>
{
    private const string Attention = "/api/jobs/operations/attention";
    private const string Backlog = "/api/jobs/operations/backlog";

    [Theory]
    [InlineData("viewer", Attention)]
    [InlineData("operator", Attention)]
    [InlineData("viewer", Backlog)]
    [InlineData("operator", Backlog)]
    public async Task Get_AsNonAdmin_Forbidden(string role, string path)
    {
        using var response = await host.ClientFor(Intakes.NewAgency(), role).GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(Attention)]
    [InlineData(Backlog)]
    public async Task Get_WithoutToken_Unauthorized(string path)
    {
        using var response = await host.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Backlog_AsAdmin_ReportsTheServiceOutboxAndScheduler()
    {
        using var response = await host.ClientFor(Intakes.NewAgency(), "admin").GetAsync(Backlog);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        foreach (var field in new[] { "outboxMessages", "oldestUndeliveredSeconds", "scheduledDue", "scheduledPending", "oldestDueSeconds", "inboxRows" })
        {
            Assert.True(body.TryGetProperty(field, out _), $"missing {field}");
        }

        // The database's own count of stored outgoing messages, read the same moment give or take deliveries in flight.
        Assert.True(body.GetProperty("outboxMessages").GetInt64() >= 0);
    }

    [Fact]
    public async Task Attention_AsAdmin_ListsRecentFailuresAndLongRunningOrQueuedJobsOfOwnAgencyOnly()
    {
        var agency = Intakes.NewAgency();
        var other = Intakes.NewAgency();
        var now = DateTimeOffset.UtcNow;
        var failedRecently = await CreateAsync(agency, "Failed Recently", JobStatus.Failed, created: now.AddHours(-3), updated: now.AddHours(-2),
            step: ("custom-values", StepStatus.Failed, now.AddHours(-2), "GHL 422: bad value"));
        await CreateAsync(agency, "Failed Long Ago", JobStatus.Failed, created: now.AddDays(-3), updated: now.AddDays(-2));
        var runningLong = await CreateAsync(agency, "Running Long", JobStatus.Running, created: now.AddHours(-1), started: now.AddMinutes(-50),
            step: ("wait-for-snapshot", StepStatus.Running, now.AddMinutes(-40), null));
        await CreateAsync(agency, "Running Briefly", JobStatus.Running, created: now.AddMinutes(-3), started: now.AddMinutes(-2));
        var queuedLong = await CreateAsync(agency, "Queued Long", JobStatus.Queued, created: now.AddMinutes(-30));
        await CreateAsync(agency, "Succeeded", JobStatus.Succeeded, created: now.AddHours(-2), updated: now.AddHours(-1));
        await CreateAsync(other, "Other Agency Failed", JobStatus.Failed, created: now.AddHours(-1), updated: now.AddMinutes(-30));
        await CreateAsync(other, "Other Agency Stuck", JobStatus.Running, created: now.AddHours(-2), started: now.AddHours(-2));

        using var response = await host.ClientFor(agency, "admin").GetAsync($"{Attention}?stuckMinutes=20");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ReadAsync(response);
        Assert.Equal(20, body.GetProperty("stuckAfterMinutes").GetDouble());
        var failed = Assert.Single(body.GetProperty("failed").EnumerateArray());
        Assert.Equal(failedRecently, failed.GetProperty("id").GetGuid());
        Assert.Equal("custom-values", failed.GetProperty("currentStep").GetString());
        Assert.Equal("GHL 422: bad value", failed.GetProperty("error").GetString());

        var stuck = body.GetProperty("stuck").EnumerateArray().ToList();
        Assert.Equal([runningLong, queuedLong], stuck.Select(j => j.GetProperty("id").GetGuid()));
        Assert.Equal("wait-for-snapshot", stuck[0].GetProperty("currentStep").GetString());
        Assert.InRange(stuck[0].GetProperty("since").GetDateTimeOffset(), now.AddMinutes(-40).AddSeconds(-1), now.AddMinutes(-40).AddSeconds(1));
        Assert.Equal(JsonValueKind.Null, stuck[1].GetProperty("currentStep").ValueKind);
        Assert.Equal("Queued", stuck[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Attention_DefaultThreshold_Is15Minutes()
    {
        var agency = Intakes.NewAgency();
        var now = DateTimeOffset.UtcNow;
        var sixteen = await CreateAsync(agency, "Queued 16 min", JobStatus.Queued, created: now.AddMinutes(-16));
        await CreateAsync(agency, "Queued 10 min", JobStatus.Queued, created: now.AddMinutes(-10));

        using var response = await host.ClientFor(agency, "admin").GetAsync(Attention);

        var body = await ReadAsync(response);
        Assert.Equal(15, body.GetProperty("stuckAfterMinutes").GetDouble());
        Assert.Equal([sixteen], body.GetProperty("stuck").EnumerateArray().Select(j => j.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("10081")]
    [InlineData("1.5")]
    public async Task Attention_BadThreshold_ValidationProblemNamingIt(string value)
    {
        using var response = await host.ClientFor(Intakes.NewAgency(), "admin").GetAsync($"{Attention}?stuckMinutes={value}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["stuckMinutes"], await response.ErrorFieldsAsync());
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<Guid> CreateAsync(
        string agency, string name, JobStatus status, DateTimeOffset created, DateTimeOffset? updated = null,
        DateTimeOffset? started = null, (string Name, StepStatus Status, DateTimeOffset StartedAt, string? Error)? step = null)
    {
        var id = Guid.NewGuid();
        var intake = new ValidatedIntake(
            new IntakeBusiness(name, "owner@acme-plumbing.com", "+13127445000", null, null, "Chicago", "IL", "60601", "US",
                "America/Chicago", "Plumbing", null),
            "snap-plumbing", [], []);
        var json = IntakeHash.Serialize(intake);
        var steps = ProvisioningSteps.All.Select((s, i) => new JobStep { Name = s, Ordinal = i, Status = StepStatus.Pending }).ToList();
        if (step is { } current)
        {
            var row = steps.Single(s => s.Name == current.Name);
            (row.Status, row.StartedAt, row.Error, row.Attempts) = (current.Status, current.StartedAt, current.Error, 1);
        }

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
                CreatedAt = created,
                UpdatedAt = updated ?? started ?? created,
                StartedAt = started,
                Error = status == JobStatus.Failed ? "failed" : null,
                Steps = steps,
            });
            return Task.CompletedTask;
        });
        return id;
    }
}
