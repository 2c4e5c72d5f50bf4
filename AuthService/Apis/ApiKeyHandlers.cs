using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Provisioner.AuthService.ApiKeys;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Data.Entities;
using Provisioner.AuthService.Sessions;
using Provisioner.Contracts.Auth;

namespace Provisioner.AuthService.Apis;

public static class ApiKeyHandlers
{
    private const int MaxNameLength = 100;

    /// <summary>Creates a key with a role at most the creator's; the key is in this response only.</summary>
    public static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem>> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal principal, AuthDbContext db, IPublishEndpoint publish, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(principal);
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Problems.Field("name", $"Name is required, at most {MaxNameLength} characters.");
        }

        if (!RoleNames.TryParse(request.Role, out var role))
        {
            return Problems.Field("role", "Role must be admin, operator or viewer.");
        }

        if (role > caller.Role)
        {
            return Problems.Field("role", $"A key's role cannot exceed your own ({RoleNames.ToName(caller.Role)}).");
        }

        var (key, prefix, hash) = ApiKeySecret.Generate();
        var now = clock.GetUtcNow();
        var entity = new ApiKey
        {
            Id = Guid.CreateVersion7(), AgencyId = caller.AgencyId, Name = name, Prefix = prefix, Hash = hash, Role = role,
            CreatedBy = caller.Actor, CreatedAt = now,
        };
        db.ApiKeys.Add(entity);
        // Bus outbox: the event is saved with the key, so it is sent exactly when the key exists.
        await publish.Publish(new ApiKeyCreated(caller.AgencyId, entity.Id, name, RoleNames.ToName(role), caller.Actor, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/auth/api-keys/{entity.Id}",
            new CreatedApiKeyResponse(entity.Id, key, name, prefix, RoleNames.ToName(role)));
    }

    public static async Task<Ok<List<ApiKeyResponse>>> ListAsync(ClaimsPrincipal principal, AuthDbContext db, CancellationToken cancellationToken)
    {
        var agencyId = Caller.From(principal).AgencyId;
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.AgencyId == agencyId).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(k => new ApiKeyResponse(
            k.Id, k.Name, k.Prefix, RoleNames.ToName(k.Role), k.CreatedBy, k.CreatedAt, k.RevokedAt, k.LastUsedAt)).ToList());
    }

    /// <summary>Admins revoke any key of the agency; others only keys they created.</summary>
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RevokeAsync(
        Guid id, ClaimsPrincipal principal, AuthDbContext db, IPublishEndpoint publish, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = Caller.From(principal);
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.AgencyId == caller.AgencyId, cancellationToken);
        if (key is null)
        {
            return TypedResults.NotFound();
        }

        if (caller.Role != Role.Admin && key.CreatedBy != caller.Actor)
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "id", "Only an admin or the key's creator can revoke it.");
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            await publish.Publish(new ApiKeyRevoked(caller.AgencyId, key.Id, caller.Actor, key.RevokedAt.Value), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }
}

public sealed record CreateApiKeyRequest(string? Name, string? Role);

public sealed record CreatedApiKeyResponse(Guid Id, string Key, string Name, string Prefix, string Role);

public sealed record ApiKeyResponse(
    Guid Id, string Name, string Prefix, string Role, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);
