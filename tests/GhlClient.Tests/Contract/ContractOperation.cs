using Provisioner.GhlClient.Tests.Support;

namespace Provisioner.GhlClient.Tests.Contract;

/// <summary>
/// One client operation and where the spec describes it. <see cref="Invoke"/> calls the client with the request
/// body (deserialized from the spec's example of the request schema) and returns what the client returned.
/// </summary>
internal sealed record ContractOperation(
    string Name,
    string File,
    string Method,
    string SpecPath,
    Type? RequestType,
    Type ResponseType,
    string? Unwrap,
    Func<GhlTestHost, object?, Task<object>> Invoke)
{
    public override string ToString() => Name;
}
