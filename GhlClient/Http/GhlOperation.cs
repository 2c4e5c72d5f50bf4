namespace Provisioner.GhlClient.Http;

/// <summary>
/// What the handlers need to know about a request, attached to it as a request option: its name for telemetry and
/// errors, the token it needs (null: none, as for <c>/oauth/token</c>), and whether it may be repeated.
/// </summary>
public sealed record GhlOperation(string Name, GhlTokenRequest? Token, GhlRetryMode RetryMode, bool SendsVersionHeader = true)
{
    internal static readonly HttpRequestOptionsKey<GhlOperation> OptionKey = new("Provisioner.GhlClient.Operation");

    /// <summary>Requests without a token are charged to the app itself.</summary>
    public string ResourceKey => Token?.ResourceKey ?? "app";

    public static GhlOperation? Of(HttpRequestMessage request) =>
        request.Options.TryGetValue(OptionKey, out var operation) ? operation : null;
}
