using Provisioner.Web.Backend;
using Provisioner.Web.Errors;

namespace Provisioner.Web.Session;

/// <summary>
/// Who is signed in on this circuit, from AuthService's <c>/api/auth/me</c>: loaded once per circuit, reloaded on
/// request (after a disconnect). Sets the app bar's <see cref="AgencyConnectionState"/>.
/// </summary>
public sealed class UserSession(AuthApiClient auth, CircuitCredentials credentials, AgencyConnectionState connection)
{
    private Task? _loading;

    public SessionStatus Status { get; private set; } = SessionStatus.Loading;

    public MeInfo? Me { get; private set; }

    public ProblemInfo? Problem { get; private set; }

    public PortalRole Role => Me?.Role.ToLowerInvariant() switch
    {
        "admin" => PortalRole.Admin,
        "operator" => PortalRole.Operator,
        "viewer" => PortalRole.Viewer,
        _ => PortalRole.None,
    };

    /// <summary>Operators and admins start, retry and cancel jobs; viewers only look.</summary>
    public bool CanOperate => Role >= PortalRole.Operator;

    public bool IsAdmin => Role == PortalRole.Admin;

    public event Action? Changed;

    /// <summary>Loads the session once; later calls wait for the same load.</summary>
    public Task EnsureLoadedAsync(CancellationToken cancellationToken) => _loading ??= LoadAsync(cancellationToken);

    public Task ReloadAsync(CancellationToken cancellationToken) => _loading = LoadAsync(cancellationToken);

    /// <summary>The user signed out: forget the session on this circuit too.</summary>
    public void SignOut()
    {
        credentials.Clear();
        Apply(SessionStatus.SignedOut, null, null);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!credentials.HasSession)
        {
            Apply(SessionStatus.SignedOut, null, null);
            return;
        }

        var me = await auth.GetMeAsync(cancellationToken);
        if (me is { Succeeded: true, Value: { } value })
        {
            Apply(SessionStatus.SignedIn, value, null);
        }
        else
        {
            Apply(credentials.HasSession ? SessionStatus.Unavailable : SessionStatus.SignedOut, null, me.Problem);
        }
    }

    private void Apply(SessionStatus status, MeInfo? me, ProblemInfo? problem)
    {
        Status = status;
        Me = me;
        Problem = problem;
        connection.Set(me is null ? null : new AgencyConnection(me.Agency.Id, me.Agency.Name, me.Agency.ConnectionState));
        Changed?.Invoke();
    }
}
