using Provisioner.Web.Errors;

namespace Provisioner.Web.Backend;

/// <summary>The problems the portal reports itself, when there is no service answer to read.</summary>
public static class BackendProblems
{
    public static ProblemInfo NotSignedIn { get; } = new(
        "You are not signed in.", "Your session ended or was never started. Connect your agency to sign in.", 401);

    public static ProblemInfo Unreachable(string service) => new(
        $"The {service} service cannot be reached.", "Try again in a moment; the Operations page shows each service's state.", 503);
}
