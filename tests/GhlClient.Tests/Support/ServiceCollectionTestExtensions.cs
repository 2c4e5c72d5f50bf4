using Microsoft.Extensions.DependencyInjection;

namespace Provisioner.GhlClient.Tests.Support;

internal static class ServiceCollectionTestExtensions
{
    /// <summary>Replaces the host's fake token provider with <paramref name="provider"/>.</summary>
    public static IServiceCollection AddSingletonTokenProvider(this IServiceCollection services, IGhlTokenProvider provider)
    {
        services.AddSingleton(provider);
        return services;
    }
}
