using System.Text;
using Microsoft.Extensions.Options;
using Provisioner.AuthService.Vault;

namespace Provisioner.AuthService.Tests;

public sealed class TokenVaultTests
{
    private const string Secret = "ghl-access-token-0123456789";

    [Fact]
    public void Decrypt_RoundTrip_ReturnsPlaintextAndHidesIt()
    {
        var vault = Vault(("k1", AuthHost.KeyOne), active: "k1");

        var cipher = vault.Encrypt(Secret, "agency-a");

        Assert.Equal(Secret, vault.Decrypt(cipher, "agency-a"));
        Assert.Equal("k1", TokenVault.ReadKeyId(cipher));
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(cipher), StringComparison.Ordinal);
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshNonces()
    {
        var vault = Vault(("k1", AuthHost.KeyOne), active: "k1");

        Assert.NotEqual(vault.Encrypt(Secret, "agency-a"), vault.Encrypt(Secret, "agency-a"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(-1)]
    public void Decrypt_TamperedByte_Throws(int position)
    {
        var vault = Vault(("k1", AuthHost.KeyOne), active: "k1");
        var cipher = vault.Encrypt(Secret, "agency-a");
        var index = position < 0 ? cipher.Length - 1 : position;
        cipher[index] ^= 0x01;

        var error = Assert.Throws<TokenVaultException>(() => vault.Decrypt(cipher, "agency-a"));
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_OtherAgencyAsAssociatedData_Throws()
    {
        var vault = Vault(("k1", AuthHost.KeyOne), active: "k1");
        var cipher = vault.Encrypt(Secret, "agency-a");

        Assert.Throws<TokenVaultException>(() => vault.Decrypt(cipher, "agency-b"));
    }

    [Fact]
    public void Decrypt_AfterRotation_ReadsOldKeyAndWritesActiveKey()
    {
        var before = Vault(("k1", AuthHost.KeyOne), active: "k1");
        var old = before.Encrypt(Secret, "agency-a");
        var after = Vault(("k1", AuthHost.KeyOne), ("k2", AuthHost.KeyTwo), active: "k2");

        Assert.Equal(Secret, after.Decrypt(old, "agency-a"));
        Assert.False(after.IsActive(old));
        Assert.Equal("k2", TokenVault.ReadKeyId(after.Encrypt(Secret, "agency-a")));
    }

    [Fact]
    public void Decrypt_KeyNoLongerConfigured_ThrowsNamingOnlyTheKeyId()
    {
        var old = Vault(("k1", AuthHost.KeyOne), active: "k1").Encrypt(Secret, "agency-a");
        var vault = Vault(("k2", AuthHost.KeyTwo), active: "k2");

        var error = Assert.Throws<TokenVaultException>(() => vault.Decrypt(old, "agency-a"));
        Assert.Contains("'k1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShortKeyOrUnknownActiveKey_Fails()
    {
        var options = new TokenVaultOptions { Keys = new() { ["k1"] = Convert.ToBase64String(new byte[16]) }, ActiveKeyId = "k9" };

        var errors = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(TokenVaultOptions.Keys)));
        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(TokenVaultOptions.ActiveKeyId)));
    }

    private static TokenVault Vault((string Id, string Key) first, string active) => Vault([first], active);

    private static TokenVault Vault((string Id, string Key) first, (string Id, string Key) second, string active) => Vault([first, second], active);

    private static TokenVault Vault((string Id, string Key)[] keys, string active) =>
        new(Options.Create(new TokenVaultOptions { Keys = keys.ToDictionary(k => k.Id, k => k.Key), ActiveKeyId = active }));
}
