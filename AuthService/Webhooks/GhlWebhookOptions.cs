using System.ComponentModel.DataAnnotations;

namespace Provisioner.AuthService.Webhooks;

/// <summary>
/// Public keys GHL webhooks are verified with. Each entry is a PEM (<c>-----BEGIN PUBLIC KEY-----</c>) or the
/// base64 of a DER SubjectPublicKeyInfo. Empty <see cref="RsaPublicKeys"/> means GHL's published key.
/// </summary>
public sealed class GhlWebhookOptions
{
    public const string SectionName = nameof(GhlWebhookOptions);

    /// <summary>GHL's published x-wh-signature key (docs/oauth/WebhookAuthentication.md).</summary>
    public const string GhlPublishedRsaKey = """
        -----BEGIN PUBLIC KEY-----
        MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
        Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
        dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
        csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
        uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
        3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
        J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
        IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
        h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
        HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
        PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
        T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
        -----END PUBLIC KEY-----
        """;

    /// <summary>Ed25519 keys for X-GHL-Signature. No default: GHL's key is not confirmed from an official source.</summary>
    public string[] Ed25519PublicKeys { get; set; } = [];

    /// <summary>RSA keys for the legacy x-wh-signature (RSASSA-PKCS1-v1_5, SHA-256).</summary>
    public string[] RsaPublicKeys { get; set; } = [];

    /// <summary>Payloads whose timestamp is further than this from now are rejected.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;
}
