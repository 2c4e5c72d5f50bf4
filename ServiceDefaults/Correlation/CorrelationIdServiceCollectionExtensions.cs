using Microsoft.Extensions.DependencyInjection;

namespace Provisioner.ServiceDefaults.Correlation;

public static class CorrelationIdServiceCollectionExtensions
{
    public static IServiceCollection AddCorrelationId(this IServiceCollection services)
    {
        services.AddTransient<CorrelationIdHandler>();
        return services;
    }
}
