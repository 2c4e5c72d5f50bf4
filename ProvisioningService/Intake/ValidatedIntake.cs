namespace Provisioner.ProvisioningService.Intake;

/// <summary>
/// An intake that passed validation, normalised: text trimmed, phones in E.164, country upper-case, custom values
/// resolved and ordered by key. This is what is stored with the job, hashed for idempotency, and read by the saga.
/// </summary>
public sealed record ValidatedIntake(
    IntakeBusiness Business,
    string? SnapshotId,
    SortedDictionary<string, string> CustomValues,
    IReadOnlyList<IntakeUser> Users);

public sealed record IntakeBusiness(
    string Name,
    string Email,
    string Phone,
    string? Website,
    string? Address,
    string? City,
    string? State,
    string? PostalCode,
    string Country,
    string Timezone,
    string? Industry,
    string? Description);

/// <summary>A user to create in the new location; <see cref="Role"/> is a GHL location user role (admin or user).</summary>
public sealed record IntakeUser(string FirstName, string LastName, string Email, string? Phone, string Role);
