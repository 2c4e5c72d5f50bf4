using Provisioner.Web.Errors;

namespace Provisioner.Web.Backend;

/// <summary>
/// The outcome of a backend call as a page needs it: the value, or the problem to show (ProblemDetails read from the
/// response, or a stand-in when the service could not be reached or the user is not signed in).
/// </summary>
public sealed record ApiResult<T>(T? Value, ProblemInfo? Problem)
{
    public bool Succeeded => Problem is null;

    public static ApiResult<T> Ok(T value) => new(value, null);

    public static ApiResult<T> Failed(ProblemInfo problem) => new(default, problem);
}
