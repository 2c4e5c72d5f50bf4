namespace Provisioner.Web.Session;

public enum SessionStatus
{
    /// <summary>/api/auth/me has not answered yet.</summary>
    Loading,

    /// <summary>No session, or AuthService no longer accepts it.</summary>
    SignedOut,

    SignedIn,

    /// <summary>AuthService could not say (unreachable, or an error other than 401).</summary>
    Unavailable,
}
