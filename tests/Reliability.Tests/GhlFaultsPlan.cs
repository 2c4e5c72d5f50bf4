namespace Provisioner.Reliability.Tests;

/// <summary>One run of <see cref="GhlFaultsScenario"/>.</summary>
internal sealed record GhlFaultsPlan
{
    public required int Jobs { get; init; }

    /// <summary>Cycle the sandbox's fault rules (429 bursts, 20 % 5xx, 5 s latency spikes) while jobs run.</summary>
    public bool Faults { get; init; }

    /// <summary>Revoke every token (the refresh token too) of this agency once one of its jobs has succeeded.</summary>
    public string? RevokeAgency { get; init; }

    /// <summary>SIGKILL instance 1 of each service once jobs are running, and start it again (scale-out only).</summary>
    public bool KillOneInstanceOfEach { get; init; }

    /// <summary>Every job must be terminal within this bound after the last submission.</summary>
    public required TimeSpan FinishTimeout { get; init; }

    public string Label { get; init; } = "faults";
}
