using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.GhlSandbox.Infrastructure;
using Provisioner.GhlSandbox.Security;
using Provisioner.GhlSandbox.State;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>snapshots.json: the agency's library and the status of a push into a location (Agency-Access, no scope).</summary>
public static class SnapshotsApi
{
    public static IEndpointRouteBuilder MapSnapshotsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/snapshots").AddEndpointFilter<VersionHeaderFilter>();
        api.MapGet("/", List);
        api.MapGet("/snapshot-status/{snapshotId}/location/{locationId}", Status);
        return app;
    }

    public static Results<Ok<SnapshotList>, GhlError> List(string? companyId, GhlCaller caller, SandboxStore store)
    {
        if (caller.Require(Access.Agency, null) is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrEmpty(companyId))
        {
            return GhlError.BadRequest("companyId should not be empty");
        }

        if (caller.CanAccessCompany(companyId) is { } foreign)
        {
            return foreign;
        }

        var snapshots = store.Read(s => s.Snapshots.Where(x => x.CompanyId == companyId).Select(x => new SnapshotItem(x.Id, x.Name, x.Type)).ToList());
        return TypedResults.Ok(new SnapshotList(snapshots));
    }

    public static Results<Ok<SnapshotStatusEnvelope>, GhlError> Status(
        string snapshotId, string locationId, string? companyId, GhlCaller caller, SandboxStore store, TimeProvider time)
    {
        if (caller.Require(Access.Agency, null) is { } denied)
        {
            return denied;
        }

        if (string.IsNullOrEmpty(companyId))
        {
            return GhlError.BadRequest("companyId should not be empty");
        }

        if (caller.CanAccessCompany(companyId) is { } foreign)
        {
            return foreign;
        }

        var now = time.GetUtcNow();
        var status = store.Write(state =>
        {
            SnapshotProgress.ApplyDue(state, now);
            var load = state.SnapshotLoads.FirstOrDefault(l => l.SnapshotId == snapshotId && l.LocationId == locationId && l.CompanyId == companyId);
            return load is null ? null : SnapshotProgress.Of(load, now);
        });
        return status is null
            ? GhlError.BadRequest("No snapshot push found for this snapshot and location")
            : TypedResults.Ok(new SnapshotStatusEnvelope(new SnapshotStatus(snapshotId, locationId, status.Status, status.Completed, status.Pending)));
    }
}

public sealed record SnapshotItem(string Id, string Name, string Type);

public sealed record SnapshotList(IReadOnlyList<SnapshotItem> Snapshots);

/// <summary>GetLatestSnapshotPushStatusSuccessfulResponseDTO: status is "processing" until every asset is done, then "completed".</summary>
public sealed record SnapshotStatusEnvelope(SnapshotStatus Data);

public sealed record SnapshotStatus(string Id, string LocationId, string Status, string[] Completed, string[] Pending);
