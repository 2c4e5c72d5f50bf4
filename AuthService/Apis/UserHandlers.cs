using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;
using Provisioner.AuthService.Sessions;
using Provisioner.Contracts.Auth;

namespace Provisioner.AuthService.Apis;

public static class UserHandlers
{
    public static async Task<Ok<List<UserResponse>>> ListAsync(ClaimsPrincipal principal, AuthDbContext db, CancellationToken cancellationToken)
    {
        var agencyId = Caller.From(principal).AgencyId;
        var users = await db.Users.AsNoTracking().Where(u => u.AgencyId == agencyId).OrderBy(u => u.CreatedAt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(users.Select(UserResponse.From).ToList());
    }

    /// <summary>Admins only; the agency must keep at least one admin.</summary>
    public static async Task<Results<Ok<UserResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ChangeRoleAsync(
        Guid id, ChangeRoleRequest request, ClaimsPrincipal principal, AuthDbContext db, IPublishEndpoint publish, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!RoleNames.TryParse(request.Role, out var newRole))
        {
            return Problems.Field("role", "Role must be admin, operator or viewer.");
        }

        var caller = Caller.From(principal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The agency lock serialises role changes, so two admins demoting each other cannot leave none.
        await AgencyLock.AcquireAsync(db, caller.AgencyId, cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id && u.AgencyId == caller.AgencyId, cancellationToken);
        if (user is null)
        {
            return TypedResults.NotFound();
        }

        var oldRole = user.Role;
        if (oldRole == Role.Admin && newRole != Role.Admin
            && await db.Users.CountAsync(u => u.AgencyId == caller.AgencyId && u.Role == Role.Admin, cancellationToken) <= 1)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "role", "The agency must keep at least one admin.");
        }

        user.Role = newRole;
        if (oldRole != newRole)
        {
            // Bus outbox: saved in this transaction, sent only after it commits.
            await publish.Publish(new UserRoleChanged(caller.AgencyId, user.Id, RoleNames.ToName(oldRole), RoleNames.ToName(newRole),
                caller.Actor, clock.GetUtcNow()), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return TypedResults.Ok(UserResponse.From(user));
    }
}

public sealed record ChangeRoleRequest(string? Role);

public sealed record UserResponse(Guid Id, string GhlUserId, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt)
{
    public static UserResponse From(AppUser user) =>
        new(user.Id, user.GhlUserId, user.Name, RoleNames.ToName(user.Role), user.CreatedAt, user.LastSignInAt);
}
