namespace Provisioner.Web.Session;

/// <summary>
/// The signed-in browser's AuthService session cookie, held for one circuit (and for the prerendering request). The
/// portal's server-side clients act as that user with it: AuthService accepts it directly, and exchanges it for the
/// short-lived JWT the other services accept. The value never leaves the server, is never logged, and is not shown.
/// </summary>
public sealed class CircuitCredentials
{
    /// <summary>The session as a <c>Cookie</c> header value (see <see cref="Session.SessionCookie.HeaderFrom"/>).</summary>
    public string? SessionCookie { get; private set; }

    public bool HasSession => SessionCookie is not null;

    /// <summary>Takes the cookie captured from the HTTP request that started the page (see Routes.razor).</summary>
    public void Capture(string? sessionCookie) =>
        SessionCookie = string.IsNullOrWhiteSpace(sessionCookie) ? null : sessionCookie;

    /// <summary>Forgets the session (signed out, or AuthService no longer accepts it).</summary>
    public void Clear() => SessionCookie = null;
}
