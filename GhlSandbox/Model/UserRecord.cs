namespace Provisioner.GhlSandbox.Model;

/// <summary>A user. The password is never stored: only a salted hash, which no response or state dump shows.</summary>
public sealed class UserRecord
{
    public required string Id { get; set; }
    public required string CompanyId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>"agency" or "account".</summary>
    public required string Type { get; set; }
    /// <summary>"admin" or "user".</summary>
    public required string Role { get; set; }
    public List<string> LocationIds { get; set; } = [];
    public Dictionary<string, bool> Permissions { get; set; } = [];
    public string? PlatformLanguage { get; set; }
    public bool Deleted { get; set; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Always)]
    public string? PasswordHash { get; set; }
}
