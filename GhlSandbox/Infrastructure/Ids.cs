using System.Security.Cryptography;
using System.Text;

namespace Provisioner.GhlSandbox.Infrastructure;

/// <summary>Identifiers and secrets shaped like GHL's: 20 alphanumerics for ids, longer random strings for tokens.</summary>
public static class Ids
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string NewId() => RandomNumberGenerator.GetString(Alphabet, 20);

    public static string NewSecret() => RandomNumberGenerator.GetString(Alphabet, 48);

    /// <summary>Only hashes of secrets are stored, so a state dump never holds a usable credential.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>GHL's fieldKey form: "Booking Link" becomes "{{ custom_values.booking_link }}".</summary>
    public static string FieldKey(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '_')
            {
                slug.Append('_');
            }
        }

        return $"{{{{ custom_values.{slug.ToString().TrimEnd('_')} }}}}";
    }
}
