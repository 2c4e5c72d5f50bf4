using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Model;
using Provisioner.GhlSandbox.Options;
using Provisioner.GhlSandbox.Security;
using Provisioner.GhlSandbox.State;
using Provisioner.GhlSandbox.Webhooks;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>locations.json: sub-accounts.</summary>
public static class LocationsApi
{
    public static IEndpointRouteBuilder MapLocationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/locations").AddEndpointFilter<VersionHeaderFilter>();
        api.MapPost("/", Create);
        api.MapGet("/search", Search);
        api.MapGet("/{locationId}", Get);
        api.MapPut("/{locationId}", Update);
        api.MapDelete("/{locationId}", Delete);
        return app;
    }

    public static Results<Ok<LocationResponse>, GhlError> Create(
        LocationRequest body, GhlCaller caller, SandboxStore store, WebhookDispatcher webhooks, TimeProvider time,
        IOptions<GhlSandboxOptions> options)
    {
        if ((caller.Require(Access.Agency, "locations.write") ?? LocationEditor.Validate(body, creating: true) ?? caller.CanAccessCompany(body.CompanyId)) is { } error)
        {
            return error;
        }

        var now = time.GetUtcNow();
        var (location, problem) = store.Write<(LocationRecord?, GhlError?)>(state =>
        {
            if (body.SnapshotId is { } snapshotId && !state.Snapshots.Any(s => s.Id == snapshotId && s.CompanyId == body.CompanyId))
            {
                return (null, GhlError.BadRequest($"Snapshot with id {snapshotId} not found"));
            }

            var created = new LocationRecord
            {
                Id = Ids.NewId(), CompanyId = body.CompanyId!, Name = body.Name!, CreatedAt = now, SnapshotId = body.SnapshotId,
                Domain = "sandbox.msgsndr.com",
            };
            LocationEditor.Apply(created, body);
            state.Locations.Add(created);
            if (body.SnapshotId is not null)
            {
                StartLoad(state, created, body.SnapshotId, overrideValues: false, now, options.Value.SnapshotLoadDuration);
            }

            return (created, null);
        });
        if (problem is not null)
        {
            return problem;
        }

        webhooks.Enqueue(WebhookEvents.LocationCreate(options.Value.AppId, location!.Id, location.CompanyId, location.Name, location.Email));
        return TypedResults.Ok(LocationResponse.From(location));
    }

    public static Results<Ok<LocationSearchResponse>, GhlError> Search(HttpRequest http, GhlCaller caller, SandboxStore store)
    {
        if (caller.Require(Access.AgencyOrLocation, "locations.readonly") is { } denied)
        {
            return denied;
        }

        var q = http.Query;
        var companyId = string.IsNullOrEmpty(q["companyId"]) ? caller.Grant.CompanyId : q["companyId"].ToString();
        if (caller.CanAccessCompany(companyId) is { } foreign)
        {
            return foreign;
        }

        var (skip, limit) = (Paging.Parse(q["skip"], 0), Paging.Parse(q["limit"], 10));
        var email = q["email"].ToString();
        var descending = q["order"] == "desc";
        var found = store.Read(s =>
        {
            var matches = s.Locations.Where(l => l.CompanyId == companyId
                && (caller.IsAgency || l.Id == caller.Grant.LocationId)
                && (email.Length == 0 || string.Equals(l.Email, email, StringComparison.OrdinalIgnoreCase)));
            var ordered = descending ? matches.OrderByDescending(l => l.CreatedAt) : matches.OrderBy(l => l.CreatedAt);
            return ordered.Skip(skip).Take(limit).Select(LocationSummary.From).ToList();
        });
        return TypedResults.Ok(new LocationSearchResponse(found));
    }

    public static Results<Ok<LocationEnvelope>, GhlError> Get(string locationId, GhlCaller caller, SandboxStore store)
    {
        if (caller.Require(Access.AgencyOrLocation, "locations.readonly") is { } denied)
        {
            return denied;
        }

        var location = store.Read(s => s.Locations.FirstOrDefault(l => l.Id == locationId));
        if (location is null)
        {
            return GhlError.BadRequest("Location not found");
        }

        return caller.CanAccessLocation(location) is { } foreign ? foreign : TypedResults.Ok(new LocationEnvelope(LocationDetail.From(location)));
    }

    public static Results<Ok<LocationResponse>, GhlError> Update(
        string locationId, LocationRequest body, GhlCaller caller, SandboxStore store, TimeProvider time, IOptions<GhlSandboxOptions> options)
    {
        if ((caller.Require(Access.Agency, "locations.write") ?? LocationEditor.Validate(body, creating: false) ?? caller.CanAccessCompany(body.CompanyId)) is { } error)
        {
            return error;
        }

        var now = time.GetUtcNow();
        var (location, problem) = store.Write<(LocationRecord?, GhlError?)>(state =>
        {
            var location = state.Locations.FirstOrDefault(l => l.Id == locationId);
            if (location is null || location.CompanyId != body.CompanyId)
            {
                return (null, location is null ? GhlError.BadRequest("Location not found") : caller.CanAccessLocation(location));
            }

            if (body.Snapshot is { Id: { } snapshotId } put)
            {
                if (!state.Snapshots.Any(s => s.Id == snapshotId && s.CompanyId == location.CompanyId))
                {
                    return (null, GhlError.BadRequest($"Snapshot with id {snapshotId} not found"));
                }

                StartLoad(state, location, snapshotId, put.Override ?? false, now, options.Value.SnapshotLoadDuration);
            }

            LocationEditor.Apply(location, body);
            return (location, null);
        });
        return problem ?? (Results<Ok<LocationResponse>, GhlError>)TypedResults.Ok(LocationResponse.From(location!));
    }

    /// <summary>Needs locations.internal-access-only, which GHL never grants to apps: app tokens get 401.</summary>
    public static Results<Ok<LocationDeletedResponse>, GhlError> Delete(
        string locationId, string? deleteTwilioAccount, GhlCaller caller, SandboxStore store)
    {
        if (caller.Require(Access.Agency, "locations.internal-access-only") is { } denied)
        {
            return denied;
        }

        if (deleteTwilioAccount is not ("true" or "false"))
        {
            return GhlError.BadRequest("deleteTwilioAccount must be a boolean value");
        }

        var problem = store.Write(state =>
        {
            var location = state.Locations.FirstOrDefault(l => l.Id == locationId);
            if (location is null || caller.CanAccessLocation(location) is not null)
            {
                return location is null ? GhlError.BadRequest("Location not found") : caller.CanAccessLocation(location);
            }

            state.Locations.Remove(location);
            state.CustomValues.RemoveAll(c => c.LocationId == locationId);
            state.SnapshotLoads.RemoveAll(l => l.LocationId == locationId);
            state.Users.ForEach(u => u.LocationIds.Remove(locationId));
            return null;
        });
        return problem ?? (Results<Ok<LocationDeletedResponse>, GhlError>)TypedResults.Ok(
            new LocationDeletedResponse(true, $"Deleted location with id: {locationId}"));
    }

    private static void StartLoad(SandboxState state, LocationRecord location, string snapshotId, bool overrideValues, DateTimeOffset now, TimeSpan duration)
    {
        location.SnapshotId = snapshotId;
        state.SnapshotLoads.RemoveAll(l => l.LocationId == location.Id && l.SnapshotId == snapshotId);
        state.SnapshotLoads.Add(new SnapshotLoadRecord
        {
            SnapshotId = snapshotId, LocationId = location.Id, CompanyId = location.CompanyId, StartedAt = now,
            Duration = duration, Override = overrideValues,
        });
        SnapshotProgress.ApplyDue(state, now);
    }
}
