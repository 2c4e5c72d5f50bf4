namespace Provisioner.AuthService.Data.Entities;

/// <summary>A GHL user known to Provisioner, with a role inside one agency.</summary>
public sealed class AppUser
{
    public Guid Id { get; set; }

    public required string AgencyId { get; set; }

    public required string GhlUserId { get; set; }

    public required string Name { get; set; }

    public Role Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }
}
