namespace Provisioner.Reliability.Tests;

/// <summary>
/// The outage scenarios each start their own PostgreSQL and RabbitMQ and four services: one at a time is enough for
/// a 2-core machine, so they share a collection (xunit runs a collection's tests one after another).
/// </summary>
[CollectionDefinition(Name)]
public sealed class OwnInfrastructureCollection
{
    public const string Name = "OwnInfrastructure";

    /// <summary>The machine's load (wall-time figures depend on it more than on the code).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
