using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Provisioner.AuthService.Data;

namespace Provisioner.AuthService.Sessions;

/// <summary>
/// Re-checks a session cookie against the database on each request: a deleted user is signed out and a changed
/// role takes effect at once, instead of living on in the cookie until it expires.
/// </summary>
public static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !Guid.TryParse(context.Principal.FindFirst(AuthClaims.Subject)?.Value, out var userId))
        {
            context.RejectPrincipal();
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<AuthDbContext>();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.RejectPrincipal();
            return;
        }

        var caller = Caller.From(context.Principal);
        if (caller.Role != user.Role || caller.AgencyId != user.AgencyId)
        {
            context.ReplacePrincipal(AuthClaims.Create(
                AuthClaims.SubjectFor(user), user.AgencyId, user.Role, user.Name, AuthClaims.CookieMethod, context.Scheme.Name));
            context.ShouldRenew = true;
        }
    }
}
