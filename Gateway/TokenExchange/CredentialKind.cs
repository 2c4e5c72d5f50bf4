namespace Provisioner.Gateway.TokenExchange;

/// <summary>A credential the gateway exchanges for a JWT.</summary>
public enum CredentialKind
{
    ApiKey,
    SessionCookie,
}
