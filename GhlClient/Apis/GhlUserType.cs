namespace Provisioner.GhlClient.Apis;

/// <summary><c>user_type</c> of <c>/oauth/token</c>: which kind of token to issue.</summary>
public enum GhlUserType
{
    Company,
    Location,
}
