namespace Provisioner.AuthService.Data.Entities;

/// <summary>Roles within an agency, ordered by privilege so "at most the creator's role" is a comparison.</summary>
public enum Role
{
    Viewer = 0,
    Operator = 1,
    Admin = 2,
}
