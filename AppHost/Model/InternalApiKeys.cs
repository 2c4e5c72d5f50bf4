using System.Buffers.Text;
using System.Security.Cryptography;

namespace Provisioner.AppHost.Model;

/// <summary>
/// The shared key of the services' internal API (AuthService's <c>/internal/ghl/token</c>): one random key per
/// AppHost run, given to the service that checks it and to the services that present it. Every service is started by
/// this run, so nothing needs the key to survive a restart; it is never logged or written to the state file.
/// </summary>
public static class InternalApiKeys
{
    public const string AcceptedKeyVariable = "InternalApiOptions__Keys__0";
    public const string PresentedKeyVariable = "GhlTokenProviderOptions__InternalKey";

    /// <summary>32 random bytes, base64url (43 characters).</summary>
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The project serves <c>/internal/**</c> and accepts <paramref name="key"/>.</summary>
    public static ProjectResource AcceptsInternalKey(this ProjectResource project, string key) =>
        project.WithEnvironment(AcceptedKeyVariable, key);

    /// <summary>The project calls AuthService's internal API with <paramref name="key"/> (GhlClient's token provider).</summary>
    public static ProjectResource PresentsInternalKey(this ProjectResource project, string key) =>
        project.WithEnvironment(PresentedKeyVariable, key);
}
