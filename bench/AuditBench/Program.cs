namespace Provisioner.Bench.AuditBench;

/// <summary>
/// Entry point. Not top-level statements: those would declare a global <c>Program</c> that clashes with
/// AuditService's, which <see cref="BenchHost"/> hosts.
/// </summary>
internal static class BenchProgram
{
    public static int Main(string[] args) => BenchCommand.Create().Parse(args).Invoke();
}
