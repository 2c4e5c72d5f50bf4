using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Provisioner.GhlClient;
using Provisioner.GhlClient.TokenProviders;

namespace Microsoft.Extensions.Hosting;

public static class AuthServiceTokenProviderExtensions
{
    /// <summary>
    /// GHL tokens from AuthService's internal API. Replaces any <see cref="IGhlTokenProvider"/> registered before this
    /// call, and a later <c>TryAdd</c> (a service's fallback provider) then leaves it in place. Options: section
    /// <c>GhlTokenProviderOptions</c>, validated on start (the internal key is required).
    /// </summary>
    public static void AddGhlTokensFromAuthService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<GhlTokenProviderOptions>().BindConfiguration(GhlTokenProviderOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GhlTokenCache>();
        // No IHttpClientFactory request logging: its structured state carries raw header values (the internal key)
        // even where the message is redacted. ServiceDefaults' resilience and discovery stay: both requests are safe
        // to repeat (a repeated refresh presents the same rejected token and gets the current one).
        services.AddHttpClient<AuthServiceGhlTokenProvider>((sp, http) =>
            {
                var baseAddress = sp.GetRequiredService<IOptions<GhlTokenProviderOptions>>().Value.BaseAddress.ToString();
                http.BaseAddress = new Uri(baseAddress.EndsWith('/') ? baseAddress : baseAddress + "/");
            })
            .RedactLoggedHeaders(_ => true)
            .RemoveAllLoggers();
        services.RemoveAll<IGhlTokenProvider>();
        services.AddTransient<IGhlTokenProvider>(sp => sp.GetRequiredService<AuthServiceGhlTokenProvider>());
    }
}
