namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>A job in the fake ProvisioningService, changed by the events a test streams (see FakeProvisioningService.Publish).</summary>
public sealed class FakeJob(Guid id, string agencyId, string businessName, DateTimeOffset createdAt)
{
    public static readonly string[] StepNames = ["choose-snapshot", "create-location", "wait-for-snapshot", "custom-values", "users"];

    public Guid Id { get; } = id;
    public string AgencyId { get; } = agencyId;
    public string BusinessName { get; } = businessName;
    public string BusinessEmail { get; init; } = "owner@example.com";
    public string Status { get; set; } = "Queued";
    public string? SnapshotId { get; set; }
    public string? LocationId { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public List<FakeStep> Steps { get; } = [.. StepNames.Select(n => new FakeStep(n))];
    public int Retries { get; set; }
    public int Cancels { get; set; }

    public object Summary() => new
    {
        id = Id, status = Status, businessName = BusinessName, businessEmail = BusinessEmail, snapshotId = SnapshotId,
        locationId = LocationId, createdAt = CreatedAt, updatedAt = CreatedAt, completedAt = CompletedAt,
    };

    public object Detail() => new
    {
        id = Id, status = Status, businessName = BusinessName, businessEmail = BusinessEmail, snapshotId = SnapshotId,
        locationId = LocationId, error = Error, createdBy = "user:test", createdAt = CreatedAt, updatedAt = CreatedAt,
        startedAt = StartedAt, completedAt = CompletedAt,
        steps = Steps.Select(s => new { name = s.Name, status = s.Status, attempts = s.Attempts, startedAt = s.StartedAt, completedAt = s.CompletedAt, error = s.Error }),
    };
}

public sealed class FakeStep(string name)
{
    public string Name { get; } = name;
    public string Status { get; set; } = "Pending";
    public int Attempts { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Error { get; set; }
}
