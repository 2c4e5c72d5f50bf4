using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace Provisioner.AuthService.Tests;

/// <summary>A shared world whose AuthService trusts this fixture's own Ed25519 and RSA webhook keys.</summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    private readonly Key ed25519 = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly RSA rsa = RSA.Create(2048);

    public TestAgency World { get; private set; } = null!;

    public async Task InitializeAsync() =>
        World = await TestAgency.StartAsync(new Dictionary<string, string>
        {
            ["GhlWebhookOptions:Ed25519PublicKeys:0"] = Convert.ToBase64String(ed25519.PublicKey.Export(KeyBlobFormat.PkixPublicKey)),
            ["GhlWebhookOptions:RsaPublicKeys:0"] = rsa.ExportSubjectPublicKeyInfoPem(),
        });

    public string SignEd25519(string body) => Convert.ToBase64String(SignatureAlgorithm.Ed25519.Sign(ed25519, Encoding.UTF8.GetBytes(body)));

    public string SignRsa(string body) =>
        Convert.ToBase64String(rsa.SignData(Encoding.UTF8.GetBytes(body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public async Task DisposeAsync()
    {
        await World.DisposeAsync();
        ed25519.Dispose();
        rsa.Dispose();
    }
}
