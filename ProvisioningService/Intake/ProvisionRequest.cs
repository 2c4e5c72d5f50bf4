namespace Provisioner.ProvisioningService.Intake;

/// <summary>
/// The POST /api/provision body as it arrives. Everything is nullable so a missing field is reported by name by
/// <see cref="IntakeValidator"/> instead of failing deserialisation.
/// </summary>
public sealed record ProvisionRequest(
    BusinessRequest? Business,
    string? SnapshotId,
    Dictionary<string, string?>? CustomValues,
    List<UserRequest?>? Users);

public sealed record BusinessRequest(
    string? Name,
    string? Email,
    string? Phone,
    string? Website,
    string? Address,
    string? City,
    string? State,
    string? PostalCode,
    string? Country,
    string? Timezone,
    string? Industry,
    string? Description);

public sealed record UserRequest(string? FirstName, string? LastName, string? Email, string? Phone, string? Role);
