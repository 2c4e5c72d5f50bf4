namespace Provisioner.SnapshotAdvisor.Library;

/// <summary>No GHL token source is wired into this service, so the agency's snapshots cannot be read from GHL.</summary>
public sealed class GhlTokenUnavailableException(string agencyId)
    : InvalidOperationException(
        $"No GHL token source is configured for SnapshotAdvisor, so agency {agencyId}'s snapshots cannot be read. " +
        "Register an IGhlTokenProvider backed by AuthService.");
