using Provisioner.GhlSandbox.Model;
using Provisioner.GhlSandbox.State;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>GET /_sandbox/state: everything a test or a person wants to see, without any credential.</summary>
public sealed record SandboxView(
    IReadOnlyList<AgencyView> Agencies,
    IReadOnlyList<LocationRecord> Locations,
    IReadOnlyList<CustomValueRecord> CustomValues,
    IReadOnlyList<UserRecord> Users,
    IReadOnlyList<SnapshotLoadView> SnapshotLoads,
    int LiveTokens)
{
    public static SandboxView From(SandboxState state, DateTimeOffset now) => new(
        [.. state.Companies.Select(c => new AgencyView(
            c.Id, c.Name,
            state.Installations.Any(i => i.CompanyId == c.Id),
            [.. state.Users.Where(u => u.CompanyId == c.Id && u.Type == "agency" && u.Role == "admin")],
            [.. state.Snapshots.Where(s => s.CompanyId == c.Id)]))],
        [.. state.Locations],
        [.. state.CustomValues],
        [.. state.Users],
        [.. state.SnapshotLoads.Select(l =>
        {
            var status = SnapshotProgress.Of(l, now);
            return new SnapshotLoadView(l.SnapshotId, l.LocationId, l.CompanyId, l.StartedAt, status.Status, status.Completed, status.Pending);
        })],
        state.Tokens.Count(t => t.Kind == TokenKind.Access && !t.Revoked && t.ExpiresAt > now));
}

public sealed record AgencyView(string Id, string Name, bool AppInstalled, IReadOnlyList<UserRecord> Admins, IReadOnlyList<SnapshotRecord> Snapshots);

public sealed record SnapshotLoadView(
    string SnapshotId, string LocationId, string CompanyId, DateTimeOffset StartedAt, string Status, string[] Completed, string[] Pending);
