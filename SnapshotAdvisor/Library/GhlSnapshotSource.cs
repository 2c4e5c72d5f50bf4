using Provisioner.GhlClient.Apis;

namespace Provisioner.SnapshotAdvisor.Library;

/// <summary>The one place the advisor reads GHL: the agency's snapshots (<c>GET /snapshots/?companyId=</c>).</summary>
public sealed class GhlSnapshotSource(GhlSnapshotsApi snapshots)
{
    public async Task<IReadOnlyList<RemoteSnapshot>> ListAsync(string agencyId, CancellationToken cancellationToken)
    {
        var listed = await snapshots.ListAsync(agencyId, cancellationToken);

        // An entry without an id cannot be addressed later (load, status): it is not a usable snapshot.
        return listed
            .Where(s => !string.IsNullOrWhiteSpace(s.Id))
            .Select(s => new RemoteSnapshot(s.Id!, string.IsNullOrWhiteSpace(s.Name) ? s.Id! : s.Name!, s.Type ?? "own"))
            .DistinctBy(s => s.Id, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>A snapshot as GHL lists it.</summary>
public sealed record RemoteSnapshot(string Id, string Name, string Type);
