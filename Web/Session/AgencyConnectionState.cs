namespace Provisioner.Web.Session;

/// <summary>
/// The agency connection of the current circuit, shown in the app bar. The auth work fills it from the session
/// (AuthService) when a user signs in; until then it stays empty and the portal says "Not connected" rather than
/// inventing an agency.
/// </summary>
public sealed class AgencyConnectionState
{
    public AgencyConnection? Current { get; private set; }

    /// <summary>Raised after <see cref="Current"/> changes, so the app bar re-renders.</summary>
    public event Action? Changed;

    public void Set(AgencyConnection? connection)
    {
        if (Current == connection)
        {
            return;
        }

        Current = connection;
        Changed?.Invoke();
    }
}
