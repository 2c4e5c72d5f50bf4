namespace Provisioner.SnapshotAdvisor.Api.Tests.Support;

/// <summary>Unique ids per test, so tests sharing a host never see each other's rows.</summary>
internal static class Ids
{
    public static string Agency() => "agency-" + Guid.NewGuid().ToString("N")[..12];

    public static string Snapshot() => "snap-" + Guid.NewGuid().ToString("N")[..12];
}
