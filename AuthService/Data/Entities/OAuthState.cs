namespace Provisioner.AuthService.Data.Entities;

/// <summary>
/// One pending connect flow. Only hashes are stored: the state value travels through GHL and the browser nonce
/// sits in an HttpOnly cookie, so a database reader can forge neither.
/// </summary>
public sealed class OAuthState
{
    public required byte[] StateHash { get; set; }

    public required byte[] BrowserNonceHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
