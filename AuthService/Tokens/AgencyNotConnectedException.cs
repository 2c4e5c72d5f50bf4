using Provisioner.AuthService.Data.Entities;

namespace Provisioner.AuthService.Tokens;

/// <summary>The agency has no usable token: it is disconnected or needs a reconnect.</summary>
public sealed class AgencyNotConnectedException(string agencyId, ConnectionState state)
    : Exception($"Agency {agencyId} is {state}; an admin must connect it again.")
{
    public string AgencyId { get; } = agencyId;

    public ConnectionState State { get; } = state;
}
