using System.Text.Json;
using System.Text.Json.Serialization;

namespace Provisioner.GhlClient.Models;

// Hand-written from the vendored OpenAPI specs (specs/ghl/apps), one record per component schema; the contract tests
// in tests/GhlClient.Tests check every field against the spec.

/// <summary>snapshots.json › GetSnapshotsSuccessfulResponseDto.</summary>
internal sealed record GhlSnapshotsEnvelope
{
    public IReadOnlyList<GhlSnapshot>? Snapshots { get; init; }
}

/// <summary>snapshots.json › SnapshotsSchema.</summary>
public sealed record GhlSnapshot
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Type { get; init; }
}

/// <summary>snapshots.json › GetLatestSnapshotPushStatusSuccessfulResponseDTO.</summary>
internal sealed record GhlSnapshotStatusEnvelope
{
    public GhlSnapshotPushStatus? Data { get; init; }
}

/// <summary>snapshots.json › SnapshotStatusSchemaWithAssets.</summary>
public sealed record GhlSnapshotPushStatus
{
    public string? Id { get; init; }
    public string? LocationId { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<string>? Completed { get; init; }
    public IReadOnlyList<string>? Pending { get; init; }
}

