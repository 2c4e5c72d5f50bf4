using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Provisioner.AuthService.Data;
using Provisioner.AuthService.Vault;
using Provisioner.TestSupport;

namespace Provisioner.AuthService.Tests;

public sealed class VaultRotationTests
{
    [Fact]
    public async Task ReencryptionPass_AfterRotation_MovesEveryRowToActiveKeyAndOldKeyCanBeRetired()
    {
        await using var world = await TestAgency.StartAsync();
        var companyId = TestAgency.NewCompanyId();
        await world.ConnectAsync(companyId, "u1", "at-before-rotation", "rt-before-rotation");
        var jwks = await world.Host.CreateClient().GetStringAsync("/api/auth/.well-known/jwks.json");
        Assert.Equal(["k1"], await KeyIdsAsync(world.Host));

        // Rotate: k2 becomes active; k1 stays configured so reads keep working while the pass runs.
        await using var rotated = new AuthHost(world.Database.ConnectionString, world.Ghl.Url, new Dictionary<string, string>
        {
            ["TokenVaultOptions:Keys:k1"] = AuthHost.KeyOne,
            ["TokenVaultOptions:Keys:k2"] = AuthHost.KeyTwo,
            ["TokenVaultOptions:ActiveKeyId"] = "k2",
            ["TokenVaultOptions:ReencryptionInterval"] = "00:00:01",
        }, world.Broker.AmqpUri);
        await Eventually.TrueAsync(async () => (await KeyIdsAsync(rotated)).SequenceEqual(["k2"]), TimeSpan.FromSeconds(30),
            "every vault row under k2");

        // Retire k1: an instance that only knows k2 still reads the token and the JWT signing key.
        await using var retired = new AuthHost(world.Database.ConnectionString, world.Ghl.Url, new Dictionary<string, string>
        {
            ["TokenVaultOptions:Keys:k2"] = AuthHost.KeyTwo,
            ["TokenVaultOptions:ActiveKeyId"] = "k2",
        }, world.Broker.AmqpUri);
        var token = await TokenRefreshTests.GetTokenAsync(retired, companyId);
        Assert.Equal("at-before-rotation", token.AccessToken);
        Assert.Equal(jwks, await retired.CreateClient().GetStringAsync("/api/auth/.well-known/jwks.json"));
    }

    private static async Task<List<string>> KeyIdsAsync(AuthHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var rows = await db.AgencyTokens.Select(t => new { t.KeyId, t.AccessTokenCipher, t.RefreshTokenCipher }).ToListAsync();
        var signing = await db.SigningKeys.Select(k => new { k.KeyId, k.PrivateKeyCipher }).ToListAsync();
        // The column and the id inside each ciphertext must agree.
        return rows.SelectMany(r => new[] { r.KeyId, TokenVault.ReadKeyId(r.AccessTokenCipher), TokenVault.ReadKeyId(r.RefreshTokenCipher) })
            .Concat(signing.SelectMany(k => new[] { k.KeyId, TokenVault.ReadKeyId(k.PrivateKeyCipher) }))
            .Distinct().Order().ToList();
    }
}
