using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Provisioner.Gateway.TokenExchange;

public static class TokenExchangeServiceCollectionExtensions
{
    /// <summary>The options, AuthService's token client and the shared cache of exchanged JWTs.</summary>
    public static IServiceCollection AddTokenExchange(this IServiceCollection services)
    {
        services.AddOptions<TokenExchangeOptions>()
            .BindConfiguration(TokenExchangeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // No retries: with AuthService down the standard handler would hold every request for its backoff (seconds)
        // before the 503; the caller decides whether to retry. HttpClient's timeout bounds one exchange.
        // RemoveAllResilienceHandlers is experimental; it is the documented way to undo ServiceDefaults' handler.
#pragma warning disable EXTEXP0001
        services.AddHttpClient(AuthTokenClient.HttpClientName, (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<TokenExchangeOptions>>().Value;
                http.BaseAddress = new Uri(options.AuthServiceUrl);
                http.Timeout = options.Timeout;
            })
            .RemoveAllResilienceHandlers()
            .RedactLoggedHeaders(["Authorization", "Cookie", "Set-Cookie"]);
#pragma warning restore EXTEXP0001

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuthTokenClient>();
        services.AddSingleton<TokenExchangeCache>();
        return services;
    }
}
