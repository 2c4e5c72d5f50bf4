namespace Provisioner.Web.Backend;

// POST /api/provision bodies and answers (ProvisioningService/Intake/ProvisionRequest.cs, Apis/ProvisionResponses.cs).

public sealed record ProvisionBody(
    BusinessBody Business, string? SnapshotId, Dictionary<string, string?> CustomValues, List<UserBody> Users);

public sealed record BusinessBody(
    string? Name, string? Email, string? Phone, string? Website, string? Address, string? City, string? State,
    string? PostalCode, string? Country, string? Timezone, string? Industry, string? Description);

public sealed record UserBody(string? FirstName, string? LastName, string? Email, string? Phone, string? Role);

public sealed record JobAccepted(Guid JobId, string Status);

public sealed record ProvisionPlan(
    bool DryRun, SnapshotPlan Snapshot, BusinessBody Business, Dictionary<string, string> CustomValues,
    IReadOnlyList<UserBody> Users, IReadOnlyList<string> Steps);

public sealed record SnapshotPlan(string? SnapshotId, string Source, string Reason);
