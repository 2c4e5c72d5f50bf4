namespace Provisioner.GhlSandbox.Tests;

/// <summary>
/// One sandbox shared by the tests of a class that only add their own data (their own locations, users, tokens)
/// and change no global setting. Rate limiting is off so their combined traffic cannot trip each other's budget.
/// </summary>
public sealed class SharedSandbox : IDisposable
{
    public SandboxFactory Factory { get; } = new(new Dictionary<string, string?> { ["GhlSandbox:RateLimit:Enabled"] = "false" });

    public void Dispose() => Factory.Dispose();
}
