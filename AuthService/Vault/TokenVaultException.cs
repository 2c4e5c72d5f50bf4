namespace Provisioner.AuthService.Vault;

/// <summary>A ciphertext could not be decrypted. Its message never contains key material or plaintext.</summary>
public sealed class TokenVaultException : Exception
{
    public TokenVaultException(string message)
        : base(message)
    {
    }

    public TokenVaultException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
