using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NSec.Cryptography;
using Provisioner.GhlSandbox.Options;

namespace Provisioner.GhlSandbox.Webhooks;

/// <summary>
/// Signs webhook bodies as GHL does: <c>x-wh-signature</c> = RSA PKCS#1 v1.5 SHA-256 and <c>X-GHL-Signature</c> =
/// Ed25519, both base64 over the raw body bytes. The keys are the sandbox's own (GHL's private keys are not
/// public); receivers are configured with the public halves from GET /_sandbox/webhook-keys. .NET 10 has no
/// Ed25519, hence NSec (libsodium).
/// </summary>
public sealed class WebhookSigner(IOptions<GhlSandboxOptions> options) : IDisposable
{
    // Keys are made on first use: generating an RSA key is slow, and most runs never send a webhook.
    private readonly Lazy<(RSA Rsa, Key Ed25519)> keys = new(() => LoadOrCreate(options.Value.WebhookKeysFile));

    private RSA Rsa => keys.Value.Rsa;

    private Key Ed25519 => keys.Value.Ed25519;

    public string RsaSignature(byte[] body) =>
        Convert.ToBase64String(Rsa.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public string Ed25519Signature(byte[] body) => Convert.ToBase64String(SignatureAlgorithm.Ed25519.Sign(Ed25519, body));

    public WebhookKeys PublicKeys()
    {
        var edSpki = Ed25519.PublicKey.Export(KeyBlobFormat.PkixPublicKey);
        return new WebhookKeys(
            Rsa.ExportSubjectPublicKeyInfoPem(),
            PemEncoding.WriteString("PUBLIC KEY", edSpki),
            Convert.ToBase64String(edSpki),
            Convert.ToBase64String(Ed25519.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
    }

    public void Dispose()
    {
        if (keys.IsValueCreated)
        {
            keys.Value.Rsa.Dispose();
            keys.Value.Ed25519.Dispose();
        }
    }

    private static (RSA, Key) LoadOrCreate(string? file)
    {
        var stored = file is not null && File.Exists(file)
            ? JsonSerializer.Deserialize<StoredKeys>(File.ReadAllText(file), JsonSerializerOptions.Web)
            : null;
        var exportable = new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };
        var rsa = RSA.Create();
        Key ed25519;
        if (stored is null)
        {
            rsa.KeySize = 2048;
            ed25519 = Key.Create(SignatureAlgorithm.Ed25519, exportable);
        }
        else
        {
            rsa.ImportFromPem(stored.RsaPrivateKeyPem);
            ed25519 = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(stored.Ed25519PrivateKey), KeyBlobFormat.PkixPrivateKey, exportable);
        }

        if (file is not null && stored is null)
        {
            var keys = new StoredKeys(rsa.ExportPkcs8PrivateKeyPem(), Convert.ToBase64String(ed25519.Export(KeyBlobFormat.PkixPrivateKey)));
            File.WriteAllText(file, JsonSerializer.Serialize(keys, JsonSerializerOptions.Web));
        }

        return (rsa, ed25519);
    }

    private sealed record StoredKeys(string RsaPrivateKeyPem, string Ed25519PrivateKey);
}

/// <summary>The verifying side's configuration: RSA for x-wh-signature, Ed25519 (SPKI PEM, SPKI base64, raw base64) for X-GHL-Signature.</summary>
public sealed record WebhookKeys(string RsaPublicKeyPem, string Ed25519PublicKeyPem, string Ed25519PublicKeySpkiBase64, string Ed25519PublicKeyRawBase64);
