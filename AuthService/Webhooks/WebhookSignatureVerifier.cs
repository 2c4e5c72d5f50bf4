using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace Provisioner.AuthService.Webhooks;

/// <summary>
/// Verifies GHL webhook signatures over the raw body bytes (re-serialised JSON would not match). X-GHL-Signature
/// (Ed25519) wins when an Ed25519 key is configured; otherwise the legacy x-wh-signature (RSA-SHA256) is checked.
/// .NET 10 has no built-in Ed25519, hence NSec.
/// </summary>
public sealed class WebhookSignatureVerifier : IDisposable
{
    public const string Ed25519Header = "X-GHL-Signature";
    public const string RsaHeader = "x-wh-signature";

    private readonly List<PublicKey> ed25519Keys;
    private readonly List<RSA> rsaKeys;

    public WebhookSignatureVerifier(IOptions<GhlWebhookOptions> options)
    {
        ed25519Keys = options.Value.Ed25519PublicKeys
            .Select(k => PublicKey.Import(SignatureAlgorithm.Ed25519, SubjectPublicKeyInfo(k), KeyBlobFormat.PkixPublicKey))
            .ToList();
        var rsaSources = options.Value.RsaPublicKeys.Length > 0 ? options.Value.RsaPublicKeys : [GhlWebhookOptions.GhlPublishedRsaKey];
        rsaKeys = rsaSources.Select(k =>
        {
            var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(SubjectPublicKeyInfo(k), out _);
            return rsa;
        }).ToList();
    }

    public bool Verify(ReadOnlySpan<byte> body, string? ed25519Signature, string? rsaSignature)
    {
        if (!string.IsNullOrEmpty(ed25519Signature) && ed25519Keys.Count > 0)
        {
            if (!TryBase64(ed25519Signature, out var signature))
            {
                return false;
            }

            foreach (var key in ed25519Keys)
            {
                if (SignatureAlgorithm.Ed25519.Verify(key, body, signature))
                {
                    return true;
                }
            }

            return false;
        }

        if (!string.IsNullOrEmpty(rsaSignature) && TryBase64(rsaSignature, out var rsaBytes))
        {
            foreach (var key in rsaKeys)
            {
                if (key.VerifyData(body, rsaBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public void Dispose()
    {
        rsaKeys.ForEach(k => k.Dispose());
    }

    private static byte[] SubjectPublicKeyInfo(string key)
    {
        var text = key.Trim();
        if (text.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            var fields = PemEncoding.Find(text);
            text = text[fields.Base64Data];
        }

        return Convert.FromBase64String(text);
    }

    private static bool TryBase64(string value, out byte[] bytes)
    {
        var buffer = new byte[value.Length];
        if (Convert.TryFromBase64String(value.Trim(), buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
