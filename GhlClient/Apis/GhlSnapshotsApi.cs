using Provisioner.GhlClient.Http;
using Provisioner.GhlClient.Models;

namespace Provisioner.GhlClient.Apis;

/// <summary>snapshots.json: the agency's snapshots and the progress of a snapshot load into a location.</summary>
public sealed class GhlSnapshotsApi(GhlConnection connection)
{
    /// <summary><c>GET /snapshots/?companyId=</c>: own and imported snapshots.</summary>
    public async Task<IReadOnlyList<GhlSnapshot>> ListAsync(string companyId, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("snapshots.list", GhlTokenRequest.Agency(companyId), GhlRetryMode.Idempotent);
        var envelope = await connection.GetAsync<GhlSnapshotsEnvelope>(operation, GhlPath.WithQuery("snapshots/", ("companyId", companyId)), cancellationToken);
        return envelope.Snapshots ?? [];
    }

    /// <summary>
    /// <c>GET /snapshots/snapshot-status/{snapshotId}/location/{locationId}</c>: the latest push status. There is no
    /// completion webhook; poll this (BRIEF §3.6) and treat "not processing and nothing pending" as done.
    /// </summary>
    public async Task<GhlSnapshotPushStatus> GetLoadStatusAsync(string companyId, string snapshotId, string locationId, CancellationToken cancellationToken = default)
    {
        var operation = new GhlOperation("snapshots.status", GhlTokenRequest.Agency(companyId), GhlRetryMode.Idempotent);
        var path = GhlPath.WithQuery(
            $"snapshots/snapshot-status/{GhlPath.Segment(snapshotId)}/location/{GhlPath.Segment(locationId)}", ("companyId", companyId));
        var envelope = await connection.GetAsync<GhlSnapshotStatusEnvelope>(operation, path, cancellationToken);
        return envelope.Data ?? throw GhlCompaniesApi.MissingField(operation, "data");
    }
}
