using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Model;
using Provisioner.GhlSandbox.Security;
using Provisioner.GhlSandbox.State;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>GET /users/search and POST /users/search/filter-by-email.</summary>
public static class UserQueries
{
    public static Results<Ok<UserSearchResponse>, GhlError> Search(HttpRequest http, GhlCaller caller, SandboxStore store)
    {
        var q = http.Query;
        if ((caller.Require(Access.AgencyOrLocation, "users.readonly")
            ?? (string.IsNullOrEmpty(q["companyId"]) ? GhlError.Unprocessable("companyId should not be empty") : null)
            ?? caller.CanAccessCompany(q["companyId"])) is { } denied)
        {
            return denied;
        }

        var text = q["query"].ToString();
        var (locationId, type, role) = (q["locationId"].ToString(), q["type"].ToString(), q["role"].ToString());
        var ids = q["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (skip, limit) = (Paging.Parse(q["skip"], 0), Paging.Parse(q["limit"], 25));
        var descending = q["sortDirection"] == "desc";
        var result = store.Read(s =>
        {
            var all = s.Users.Where(u => !u.Deleted && u.CompanyId == caller.Grant.CompanyId && Visible(u, caller)
                    && (text.Length == 0 || $"{u.FirstName} {u.LastName} {u.Email} {u.Phone}".Contains(text, StringComparison.OrdinalIgnoreCase))
                    && (locationId.Length == 0 || u.LocationIds.Contains(locationId))
                    && (type.Length == 0 || u.Type == type) && (role.Length == 0 || u.Role == role)
                    && (ids.Length == 0 || ids.Contains(u.Id)))
                .ToList();
            var ordered = descending ? all.OrderByDescending(u => u.FirstName) : all.OrderBy(u => u.FirstName);
            return new UserSearchResponse([.. ordered.Skip(skip).Take(limit).Select(UserView.From)], all.Count);
        });
        return TypedResults.Ok(result);
    }

    public static Results<Ok<UserSearchResponse>, GhlError> FilterByEmail(FilterByEmailRequest body, GhlCaller caller, SandboxStore store)
    {
        var missing = new[] { ("companyId", body.CompanyId), ("emails", body.Emails) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2)).Select(f => $"{f.Item1} should not be empty").ToArray();
        if ((caller.Require(Access.Agency, "users.readonly")
            ?? (missing.Length > 0 ? GhlError.Unprocessable(missing) : null)
            ?? caller.CanAccessCompany(body.CompanyId)) is { } denied)
        {
            return denied;
        }

        var emails = body.Emails!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var deleted = body.Deleted ?? false;
        var (skip, limit) = (Paging.Parse(body.Skip, 0), Paging.Parse(body.Limit, 25));
        Func<UserRecord, UserView> project = string.Equals(body.Projection, "all", StringComparison.OrdinalIgnoreCase)
            ? UserView.From
            : UserView.IdAndEmail;
        var result = store.Read(s =>
        {
            var all = s.Users.Where(u => u.CompanyId == body.CompanyId && u.Deleted == deleted
                && emails.Contains(u.Email, StringComparer.OrdinalIgnoreCase)).ToList();
            return new UserSearchResponse([.. all.Skip(skip).Take(limit).Select(project)], all.Count);
        });
        return TypedResults.Ok(result);
    }

    /// <summary>An agency token sees its company's users; a location token only users assigned to its location.</summary>
    public static bool Visible(UserRecord user, GhlCaller caller) =>
        user.CompanyId == caller.Grant.CompanyId && (caller.IsAgency || user.LocationIds.Contains(caller.Grant.LocationId!));
}
