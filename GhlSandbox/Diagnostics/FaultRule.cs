using System.ComponentModel.DataAnnotations;

namespace Provisioner.GhlSandbox.Diagnostics;

/// <summary>
/// An injected fault for matching requests. <c>Path</c> is a prefix, or an exact path when it has no trailing '*'
/// ("/locations/*" matches everything below /locations/). Everything but the match is optional.
/// </summary>
public sealed record FaultRule
{
    /// <summary>HTTP method, or null for any.</summary>
    public string? Method { get; init; }

    [Required]
    public string Path { get; init; } = "*";

    /// <summary>Status to answer with instead of serving (e.g. 500, 503, 429); null serves normally.</summary>
    [Range(400, 599)]
    public int? Status { get; init; }

    /// <summary>Share of matching requests that fail, 0..1.</summary>
    [Range(0.0, 1.0)]
    public double Rate { get; init; } = 1.0;

    /// <summary>Latency added before answering (fault or not).</summary>
    [Range(0, 600_000)]
    public int LatencyMs { get; init; }

    /// <summary>Hold the request without answering until the client gives up (or 100 s pass, then 504).</summary>
    public bool Timeout { get; init; }

    /// <summary>Stop after this many hits (e.g. a burst of three 429s); null for no limit.</summary>
    [Range(1, 1_000_000)]
    public int? Count { get; init; }

    public bool Matches(string method, string path)
    {
        if (Method is not null && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return Path == "*"
            || (Path.EndsWith('*') ? path.StartsWith(Path[..^1], StringComparison.OrdinalIgnoreCase)
                                   : string.Equals(Path, path, StringComparison.OrdinalIgnoreCase));
    }
}
