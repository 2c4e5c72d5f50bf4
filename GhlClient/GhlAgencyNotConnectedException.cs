namespace Provisioner.GhlClient;

/// <summary>
/// The agency has no usable GHL token: it was disconnected, or GHL rejected its refresh token and an admin must
/// connect it again. Retrying will not help until then.
/// </summary>
public sealed class GhlAgencyNotConnectedException(string agencyId, string? state = null, Exception? inner = null)
    : Exception($"Agency {agencyId} is not connected to GHL{(state is null ? "" : $" ({state})")}; an admin must connect it again.", inner)
{
    public string AgencyId { get; } = agencyId;

    /// <summary>AuthService's connection state (<c>NeedsReconnect</c>, <c>Disconnected</c>) when it said.</summary>
    public string? State { get; } = state;
}
