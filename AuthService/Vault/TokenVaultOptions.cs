using System.ComponentModel.DataAnnotations;

namespace Provisioner.AuthService.Vault;

/// <summary>
/// The token vault's AES-256 keys: id → base64 of 32 random bytes. Several may be configured (rotation); new
/// ciphertexts use <see cref="ActiveKeyId"/>, reads accept any configured key.
/// </summary>
public sealed class TokenVaultOptions : IValidatableObject
{
    public const string SectionName = nameof(TokenVaultOptions);

    public Dictionary<string, string> Keys { get; set; } = [];

    [Required]
    public string ActiveKeyId { get; set; } = "";

    /// <summary>How often the background pass looks for rows under a non-active key.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReencryptionInterval { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Keys.Count == 0)
        {
            yield return new ValidationResult("At least one key is required.", [nameof(Keys)]);
        }

        foreach (var (id, value) in Keys)
        {
            if (id.Length is 0 or > TokenVault.MaxKeyIdLength)
            {
                yield return new ValidationResult($"Key id '{id}' must be 1-{TokenVault.MaxKeyIdLength} characters.", [nameof(Keys)]);
            }

            if (!IsAes256Key(value))
            {
                // The value itself is never echoed: it is a secret.
                yield return new ValidationResult($"Key '{id}' must be the base64 of exactly 32 bytes.", [nameof(Keys)]);
            }
        }

        if (ActiveKeyId.Length > 0 && !Keys.ContainsKey(ActiveKeyId))
        {
            yield return new ValidationResult($"ActiveKeyId '{ActiveKeyId}' is not among the configured keys.", [nameof(ActiveKeyId)]);
        }
    }

    private static bool IsAes256Key(string value)
    {
        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }
}
