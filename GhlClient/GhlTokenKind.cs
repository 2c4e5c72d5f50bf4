namespace Provisioner.GhlClient;

/// <summary>The two OAuth token types GHL issues: an agency (Company) token or a sub-account (Location) token.</summary>
public enum GhlTokenKind
{
    Agency,
    Location,
}
