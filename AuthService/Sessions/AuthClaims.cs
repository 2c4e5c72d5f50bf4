using System.Security.Claims;
using Provisioner.AuthService.Data.Entities;

namespace Provisioner.AuthService.Sessions;

/// <summary>The claims every AuthService principal carries, in the names the JWT uses too.</summary>
public static class AuthClaims
{
    public const string Subject = "sub";
    public const string Agency = "agency";
    public const string Role = "role";
    public const string Name = "name";
    public const string Method = "amr";

    public const string CookieMethod = "cookie";
    public const string ApiKeyMethod = "apikey";

    public static ClaimsPrincipal Create(string subject, string agencyId, Role role, string name, string method, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(Subject, subject),
                new Claim(Agency, agencyId),
                new Claim(Role, RoleNames.ToName(role)),
                new Claim(Name, name),
                new Claim(Method, method),
            ],
            scheme,
            Name,
            Role));

    public static string SubjectFor(AppUser user) => user.Id.ToString();

    public static string SubjectFor(ApiKey key) => $"apikey:{key.Id}";
}
