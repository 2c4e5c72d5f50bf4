namespace Provisioner.Reliability.Tests;

/// <summary>What GhlSandbox is seeded with, and the app registration every world's services use against it.</summary>
internal static class SandboxSeed
{
    public const string NorthStar = "Gx7pQ2rT9vLm4KdW8sHa";
    public const string Peak = "Hk2mW8cV5nB1xZ4qR6tY";
    public const string NorthStarDental = "OhbVrpoiVgRV5IfLBcbf";
    public const string PeakDental = "6g3Ot1OGMmjxWkI9X7H6";

    public const string ClientId = "65f0a1b2c3d4e5f601234567-provisioner";
    public const string ClientSecret = "sandbox-client-secret";

    /// <summary>Job <paramref name="i"/>'s agency and snapshot: the agencies alternate, NorthStar first.</summary>
    public static (string Agency, string Snapshot) AgencyOf(int i) =>
        i % 2 == 0 ? (NorthStar, NorthStarDental) : (Peak, PeakDental);
}
