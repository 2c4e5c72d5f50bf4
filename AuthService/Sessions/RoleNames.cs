using Provisioner.AuthService.Data.Entities;

namespace Provisioner.AuthService.Sessions;

/// <summary>The lower-case role names used on the wire (JSON, claims): admin, operator, viewer.</summary>
public static class RoleNames
{
    public const string Admin = "admin";
    public const string Operator = "operator";
    public const string Viewer = "viewer";

    public static string ToName(Role role) => role switch
    {
        Role.Admin => Admin,
        Role.Operator => Operator,
        _ => Viewer,
    };

    public static bool TryParse(string? value, out Role role)
    {
        switch (value)
        {
            case Admin:
                role = Role.Admin;
                return true;
            case Operator:
                role = Role.Operator;
                return true;
            case Viewer:
                role = Role.Viewer;
                return true;
            default:
                role = Role.Viewer;
                return false;
        }
    }
}
