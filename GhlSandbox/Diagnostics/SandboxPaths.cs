namespace Provisioner.GhlSandbox.Diagnostics;

/// <summary>Which requests are GHL API traffic (rate-limited, fault-injectable) and which are the sandbox's own.</summary>
public static class SandboxPaths
{
    public const string AdminPrefix = "/_sandbox";

    public static bool IsAdmin(PathString path) => path.StartsWithSegments(AdminPrefix);

    public static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");

    public static bool IsGhlApi(PathString path) => !IsAdmin(path) && !IsProbe(path);

    /// <summary>Why a request was answered by the sandbox machinery rather than the endpoint (for the journal).</summary>
    public const string FaultItem = "GhlSandbox.Fault";
}
