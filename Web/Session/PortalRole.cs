namespace Provisioner.Web.Session;

/// <summary>AuthService's roles, lowest first: each role can do what the ones before it can.</summary>
public enum PortalRole
{
    None,
    Viewer,
    Operator,
    Admin,
}
