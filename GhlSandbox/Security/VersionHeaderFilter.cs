using Provisioner.GhlSandbox.Infrastructure;

namespace Provisioner.GhlSandbox.Security;

/// <summary>The spec marks <c>Version: 2021-07-28</c> required on every operation the sandbox serves except /oauth/token.</summary>
public sealed class VersionHeaderFilter : IEndpointFilter
{
    public const string Supported = "2021-07-28";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var version = context.HttpContext.Request.Headers["Version"].ToString();
        if (version.Length == 0)
        {
            return ValueTask.FromResult<object?>(GhlError.BadRequest("Version header was not found"));
        }

        return version == Supported
            ? next(context)
            : ValueTask.FromResult<object?>(GhlError.BadRequest($"This route is not available in API version {version}"));
    }
}
