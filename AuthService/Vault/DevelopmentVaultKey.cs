using System.Security.Cryptography;

namespace Provisioner.AuthService.Vault;

/// <summary>
/// The Development-only vault key: created once in <c>.dev/token-vault.key</c> under the content root (git-ignored)
/// and reused, so a developer's connected agency survives restarts. Never used outside Development.
/// </summary>
public static class DevelopmentVaultKey
{
    public const string KeyId = "dev";

    public static Dictionary<string, string?> LoadOrCreate(string contentRoot)
    {
        var path = Path.Combine(contentRoot, ".dev", "token-vault.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new Dictionary<string, string?>
        {
            [$"{TokenVaultOptions.SectionName}:Keys:{KeyId}"] = File.ReadAllText(path).Trim(),
            [$"{TokenVaultOptions.SectionName}:ActiveKeyId"] = KeyId,
        };
    }
}
