using Provisioner.Web.Backend;

namespace Provisioner.Web.Provision;

/// <summary>
/// What the provision page edits: one client's intake. Everything is sent as typed (trimmed, blanks as null); the
/// service validates and normalises, and its errors come back keyed by the same JSON paths (<c>business.email</c>,
/// <c>users[1].role</c>, <c>customValues[Booking Link]</c>) that <see cref="FieldKeys"/> builds.
/// </summary>
public sealed class IntakeForm
{
    public BusinessFields Business { get; } = new();

    /// <summary>True: no snapshot is named and the advisor chooses one when the job runs.</summary>
    public bool LetAdvisorChoose { get; set; } = true;

    public string? SnapshotId { get; set; }

    public List<CustomValueRow> CustomValues { get; } = [];

    public List<UserRow> Users { get; } = [];

    public ProvisionBody ToBody() => new(
        new BusinessBody(
            Clean(Business.Name), Clean(Business.Email), Clean(Business.Phone), Clean(Business.Website), Clean(Business.Address),
            Clean(Business.City), Clean(Business.State), Clean(Business.PostalCode), Clean(Business.Country), Clean(Business.Timezone),
            Clean(Business.Industry), Clean(Business.Description)),
        LetAdvisorChoose ? null : Clean(SnapshotId),
        // A row without a name is an empty editor line, not a value; the service reports a named one with no value.
        CustomValues.Where(c => !string.IsNullOrWhiteSpace(c.Name))
            .GroupBy(c => c.Name!.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (string?)(g.Last().Value ?? "")),
        [.. Users.Select(u => new UserBody(Clean(u.FirstName), Clean(u.LastName), Clean(u.Email), Clean(u.Phone), u.Role))]);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed class BusinessFields
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; } = "US";
    public string? Timezone { get; set; } = "America/New_York";
    public string? Industry { get; set; }
    public string? Description { get; set; }
}

public sealed class CustomValueRow
{
    public string? Name { get; set; }
    public string? Value { get; set; }
}

public sealed class UserRow
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    /// <summary>GHL location user role: admin or user.</summary>
    public string Role { get; set; } = "user";
}
