namespace Provisioner.GhlSandbox.Model;

/// <summary>An agency (GHL "company").</summary>
public sealed class CompanyRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Website { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }
    public string? Timezone { get; set; }
    public string? Domain { get; set; }
    public string? RelationshipNumber { get; set; }
    public int Plan { get; set; } = 3;
    public string Status { get; set; } = "active";
}
