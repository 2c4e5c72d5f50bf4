using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Model;
using Provisioner.GhlSandbox.Security;
using Provisioner.GhlSandbox.State;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>users.json. An email is unique across the whole sandbox, as in GHL (one login per email).</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/users").AddEndpointFilter<VersionHeaderFilter>();
        api.MapPost("/", Create);
        api.MapGet("/", ListByLocation);
        api.MapGet("/search", UserQueries.Search);
        api.MapPost("/search/filter-by-email", UserQueries.FilterByEmail);
        api.MapGet("/{userId}", Get);
        api.MapPut("/{userId}", Update);
        api.MapDelete("/{userId}", Delete);
        return app;
    }

    public static Results<Created<UserView>, GhlError> Create(UserRequest body, GhlCaller caller, SandboxStore store)
    {
        if ((caller.Require(Access.AgencyOrLocation, "users.write") ?? body.ValidateCreate() ?? caller.CanAccessCompany(body.CompanyId)) is { } error)
        {
            return error;
        }

        var result = store.Write<Results<Created<UserView>, GhlError>>(state =>
        {
            if (CheckLocations(state, caller, body.LocationIds!) is { } badLocation)
            {
                return badLocation;
            }

            if (state.Users.Any(u => !u.Deleted && string.Equals(u.Email, body.Email, StringComparison.OrdinalIgnoreCase)))
            {
                return GhlError.BadRequest($"User with email {body.Email} already exists");
            }

            var user = new UserRecord
            {
                Id = Ids.NewId(), CompanyId = body.CompanyId!, FirstName = body.FirstName!, LastName = body.LastName!,
                Email = body.Email!, Phone = body.Phone, Type = body.Type!, Role = body.Role!, LocationIds = [.. body.LocationIds!],
                Permissions = body.Permissions ?? [], PlatformLanguage = body.PlatformLanguage ?? "en_US",
                PasswordHash = HashPassword(body.Password!),
            };
            state.Users.Add(user);
            return TypedResults.Created($"/users/{user.Id}", UserView.From(user));
        });
        return result;
    }

    /// <summary>Deprecated in GHL in favour of /users/search; Location token only.</summary>
    public static Results<Ok<UserListResponse>, GhlError> ListByLocation(string? locationId, GhlCaller caller, SandboxStore store)
    {
        if (caller.Require(Access.Location, "users.readonly") is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrEmpty(locationId))
        {
            return GhlError.BadRequest("locationId should not be empty");
        }

        if (locationId != caller.Grant.LocationId)
        {
            return GhlError.Unauthorized("This location is not accessible from this token.");
        }

        var users = store.Read(s => s.Users.Where(u => !u.Deleted && u.LocationIds.Contains(locationId)).Select(UserView.From).ToList());
        return TypedResults.Ok(new UserListResponse(users));
    }

    public static Results<Ok<UserView>, GhlError> Get(string userId, GhlCaller caller, SandboxStore store) =>
        WithUser<Ok<UserView>>(userId, caller, "users.readonly", store, user => TypedResults.Ok(UserView.From(user)));

    public static Results<Ok<UserView>, GhlError> Update(string userId, UserRequest body, GhlCaller caller, SandboxStore store)
    {
        if (body.ValidateUpdate() is { } invalid)
        {
            return invalid;
        }

        return store.Write(state => WithUser<Ok<UserView>>(userId, caller, "users.write", state, user =>
        {
            if (body.Email is not null && !string.Equals(body.Email, user.Email, StringComparison.OrdinalIgnoreCase))
            {
                return GhlError.BadRequest("Updating the email of a user is not supported");
            }

            if (body.LocationIds is not null && CheckLocations(state, caller, body.LocationIds) is { } badLocation)
            {
                return badLocation;
            }

            user.FirstName = body.FirstName ?? user.FirstName;
            user.LastName = body.LastName ?? user.LastName;
            user.Phone = body.Phone ?? user.Phone;
            user.Type = body.Type ?? user.Type;
            user.Role = body.Role ?? user.Role;
            user.LocationIds = body.LocationIds is null ? user.LocationIds : [.. body.LocationIds.Distinct()];
            user.Permissions = body.Permissions ?? user.Permissions;
            user.PlatformLanguage = body.PlatformLanguage ?? user.PlatformLanguage;
            user.PasswordHash = body.Password is null ? user.PasswordHash : HashPassword(body.Password);
            return TypedResults.Ok(UserView.From(user));
        }));
    }

    /// <summary>GHL queues the deletion; the sandbox marks the user deleted at once and says it was queued.</summary>
    public static Results<Ok<DeletedResponse>, GhlError> Delete(string userId, GhlCaller caller, SandboxStore store) =>
        store.Write(state => WithUser<Ok<DeletedResponse>>(userId, caller, "users.write", state, user =>
        {
            user.Deleted = true;
            return TypedResults.Ok(new DeletedResponse(true,
                $"Queued deleting user with e-mail {user.Email} and name {user.FirstName} {user.LastName}. Will take effect in a few minutes."));
        }));

    private static Results<T, GhlError> WithUser<T>(string userId, GhlCaller caller, string scope, SandboxStore store, Func<UserRecord, Results<T, GhlError>> action)
        where T : IResult => store.Read(state => WithUser(userId, caller, scope, state, action));

    private static Results<T, GhlError> WithUser<T>(string userId, GhlCaller caller, string scope, SandboxState state, Func<UserRecord, Results<T, GhlError>> action)
        where T : IResult
    {
        if (caller.Require(Access.AgencyOrLocation, scope) is { } denied)
        {
            return denied;
        }

        var user = state.Users.FirstOrDefault(u => u.Id == userId && !u.Deleted);
        return user is not null && UserQueries.Visible(user, caller) ? action(user) : GhlError.BadRequest("User not found");
    }

    /// <summary>Every location must belong to the caller's company; a Location token may only name its own location.</summary>
    private static GhlError? CheckLocations(SandboxState state, GhlCaller caller, IEnumerable<string> locationIds)
    {
        foreach (var id in locationIds)
        {
            var location = state.Locations.FirstOrDefault(l => l.Id == id);
            if (location is null)
            {
                return GhlError.BadRequest($"Location with id {id} not found");
            }

            if (caller.CanAccessLocation(location) is { } foreign)
            {
                return foreign;
            }
        }

        return null;
    }

    private static string HashPassword(string password) =>
        Convert.ToHexString(Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), RandomNumberGenerator.GetBytes(16), 10_000, HashAlgorithmName.SHA256, 32));
}
