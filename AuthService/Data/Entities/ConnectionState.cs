namespace Provisioner.AuthService.Data.Entities;

/// <summary>Whether Provisioner can call GHL on the agency's behalf.</summary>
public enum ConnectionState
{
    /// <summary>Tokens are stored and refreshable.</summary>
    Connected,

    /// <summary>GHL rejected the refresh token; an admin must run the connect flow again.</summary>
    NeedsReconnect,

    /// <summary>No tokens: never connected, disconnected by an admin, or uninstalled in GHL.</summary>
    Disconnected,
}
