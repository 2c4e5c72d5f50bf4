namespace Provisioner.GhlSandbox.Model;

/// <summary>The app installed on an agency (bulk install: every current and future location is approved).</summary>
public sealed class InstallationRecord
{
    public required string CompanyId { get; set; }
    public required string UserId { get; set; }
    public DateTimeOffset InstalledAt { get; set; }
}
