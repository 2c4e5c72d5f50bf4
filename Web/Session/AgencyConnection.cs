namespace Provisioner.Web.Session;

/// <summary>
/// The GHL agency this browser session is connected to (GHL companyId and its display name), and AuthService's
/// connection state for it (Connected, NeedsReconnect, Disconnected).
/// </summary>
public sealed record AgencyConnection(string AgencyId, string AgencyName, string ConnectionState = "Connected")
{
    public bool IsConnected => ConnectionState == "Connected";
}
