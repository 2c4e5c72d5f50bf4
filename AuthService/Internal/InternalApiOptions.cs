namespace Provisioner.AuthService.Internal;

/// <summary>
/// The shared keys other services present in <c>X-Internal-Key</c> to reach <c>/internal/**</c>. A list, so a new key
/// can be added, rolled out to the callers, and the old one removed without downtime.
/// </summary>
public sealed class InternalApiOptions
{
    public const string SectionName = nameof(InternalApiOptions);

    /// <summary>Below this a key could be guessed; AppHost generates 32 random bytes (43 base64url characters).</summary>
    public const int MinimumKeyLength = 32;

    public List<string> Keys { get; set; } = [];
}
