using Provisioner.ServiceDefaults;

namespace Provisioner.Web.Backend;

/// <summary>The AuthService calls of <see cref="AuthApiClient"/>.</summary>
public static class AuthApiRoutes
{
    public static readonly ApiRoute Me = new(ResourceNames.Auth, HttpMethod.Get, "/api/auth/me") { Response = typeof(MeInfo) };

    public static readonly ApiRoute Token = new(ResourceNames.Auth, HttpMethod.Post, "/api/auth/token") { Response = typeof(ServiceToken) };

    public static readonly ApiRoute Disconnect = new(ResourceNames.Auth, HttpMethod.Post, "/api/auth/disconnect");

    public static readonly ApiRoute ListApiKeys = new(ResourceNames.Auth, HttpMethod.Get, "/api/auth/api-keys")
    {
        Response = typeof(List<ApiKeyInfo>),
    };

    public static readonly ApiRoute CreateApiKey = new(ResourceNames.Auth, HttpMethod.Post, "/api/auth/api-keys")
    {
        Request = typeof(CreateApiKeyBody),
        Response = typeof(CreatedApiKey),
    };

    public static readonly ApiRoute RevokeApiKey = new(ResourceNames.Auth, HttpMethod.Delete, "/api/auth/api-keys/{id}");
}
